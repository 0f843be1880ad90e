package cfnrules

import "slices"

// AWS::KMS::Key. KeyPolicy is optional: without one, KMS gives the key its
// default policy (the account's root may use it), so a missing policy is
// not refused; a policy that is given is checked as a resource policy.
var keyRules = []rule{
	{ID: "kms-key-policy", Source: srcKMSKey, Check: func(r *resource, ps *problems) {
		if !r.has("KeyPolicy") {
			return
		}
		checkPolicy(r, ps, "KeyPolicy", resourcePolicy)
		if doc, ok := r.resolveDeep(r.Props["KeyPolicy"]); ok {
			if n, _ := jsonSize(doc); n > maxKeyPolicyBytes {
				ps.add(r, "KeyPolicy", "is %d bytes; KMS allows a key policy of at most %d bytes", n, maxKeyPolicyBytes)
			}
		}
	}},
	{ID: "kms-key-spec", Source: srcKMSKey, Check: func(r *resource, ps *problems) {
		checkEnum(r, ps, "KeySpec", keySpecs, "KMS", "KeySpec")
		checkEnum(r, ps, "KeyUsage", []string{"ENCRYPT_DECRYPT", "SIGN_VERIFY", "GENERATE_VERIFY_MAC", "KEY_AGREEMENT"}, "KMS", "KeyUsage")
		checkEnum(r, ps, "Origin", []string{"AWS_KMS", "EXTERNAL"}, "KMS", "Origin")
	}},
	{ID: "kms-key-rotation", Source: srcKMSKey, Check: func(r *resource, ps *problems) {
		rotate, _ := r.textAt("EnableKeyRotation")
		spec, ok := r.textAt("KeySpec")
		if rotate == "true" && ok && spec != "SYMMETRIC_DEFAULT" && slices.Contains(keySpecs, spec) {
			ps.add(r, "EnableKeyRotation", "is true on a %s key; KMS rotates symmetric encryption keys (SYMMETRIC_DEFAULT) only", spec)
		}
		checkRange(r, ps, "RotationPeriodInDays", minRotationDays, maxRotationDays, true, " days", "KMS", "RotationPeriodInDays")
	}},
	{ID: "kms-key-pending-window", Source: srcKMSKey, Check: func(r *resource, ps *problems) {
		checkRange(r, ps, "PendingWindowInDays", minPendingWindowDays, maxPendingWindowDays, true, " days", "KMS", "PendingWindowInDays")
	}},
	{ID: "kms-key-description", Source: srcKMSKey, Check: func(r *resource, ps *problems) {
		checkLength(r, ps, "Description", 0, maxKeyDescription, "KMS", "Description")
	}},
	tagsRule,
}

// keySpecs are KeySpec's values (the resource schema's enum).
var keySpecs = []string{"SYMMETRIC_DEFAULT", "RSA_2048", "RSA_3072", "RSA_4096", "ECC_NIST_P256", "ECC_NIST_P384", "ECC_NIST_P521",
	"ECC_SECG_P256K1", "ECC_NIST_EDWARDS25519", "HMAC_224", "HMAC_256", "HMAC_384", "HMAC_512", "SM2",
	"ML_DSA_44", "ML_DSA_65", "ML_DSA_87"}
