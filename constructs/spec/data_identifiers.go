package spec

import (
	"sort"
	"strings"
)

// The managed data identifiers of CloudWatch Logs data protection, in one
// place, from "CloudWatch Logs managed data identifiers for sensitive data
// types" (https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/CWL-managed-data-identifiers.html).
// An identifier AWS adds later is added here: a language- and
// region-independent one to globalDataIdentifiers, a country-specific one
// to countryDataIdentifiers with its two-letter codes.
var (
	globalDataIdentifiers = []string{
		"Address", "AwsSecretKey", "CreditCardExpiration", "CreditCardNumber",
		"CreditCardSecurityCode", "EmailAddress", "IpAddress", "LatLong", "Name",
		"OpenSshPrivateKey", "PgpPrivateKey", "PkcsPrivateKey", "PuttyPrivateKey",
		"VehicleIdentificationNumber",
	}
	// countryDataIdentifiers are written <Identifier>-<country>, e.g. Ssn-US.
	countryDataIdentifiers = map[string][]string{
		"BankAccountNumber":                 {"DE", "ES", "FR", "GB", "IT", "US"},
		"CepCode":                           {"BR"},
		"Cnpj":                              {"BR"},
		"CpfCode":                           {"BR"},
		"DriversLicense":                    {"AT", "AU", "BE", "BG", "CA", "CY", "CZ", "DE", "DK", "EE", "ES", "FI", "FR", "GB", "GR", "HR", "HU", "IE", "IT", "LT", "LU", "LV", "MT", "NL", "PL", "PT", "RO", "SE", "SI", "SK", "US"},
		"DrugEnforcementAgencyNumber":       {"US"},
		"ElectoralRollNumber":               {"GB"},
		"HealthInsuranceCardNumber":         {"EU"},
		"HealthInsuranceClaimNumber":        {"US"},
		"HealthInsuranceNumber":             {"FR"},
		"HealthcareProcedureCode":           {"US"},
		"IndividualTaxIdentificationNumber": {"US"},
		"InseeCode":                         {"FR"},
		"MedicareBeneficiaryNumber":         {"US"},
		"NationalDrugCode":                  {"US"},
		"NationalIdentificationNumber":      {"DE", "ES", "IT"},
		"NationalInsuranceNumber":           {"GB"},
		"NationalProviderId":                {"US"},
		"NhsNumber":                         {"GB"},
		"NieNumber":                         {"ES"},
		"NifNumber":                         {"ES"},
		"PassportNumber":                    {"CA", "DE", "ES", "FR", "GB", "IT", "US"},
		"PermanentResidenceNumber":          {"CA"},
		"PersonalHealthNumber":              {"CA"},
		"PhoneNumber":                       {"BR", "DE", "ES", "FR", "GB", "IT", "US"},
		"PostalCode":                        {"CA"},
		"RgNumber":                          {"BR"},
		"SocialInsuranceNumber":             {"CA"},
		"Ssn":                               {"ES", "US"},
		"TaxId":                             {"DE", "ES", "FR", "GB"},
		"ZipCode":                           {"US"},
	}
)

// IsManagedDataIdentifier reports whether id names a CloudWatch Logs
// managed data identifier.
func IsManagedDataIdentifier(id string) bool {
	for _, g := range globalDataIdentifiers {
		if id == g {
			return true
		}
	}
	base, country, ok := strings.Cut(id, "-")
	if !ok {
		return false
	}
	for _, c := range countryDataIdentifiers[base] {
		if c == country {
			return true
		}
	}
	return false
}

// checkDataIdentifier fails for an unknown identifier and suggests the
// known ones that differ only in case or by a letter or two.
func checkDataIdentifier(field, id string) error {
	if id == "" {
		return fieldErr(field, "is empty; expected a managed data identifier such as EmailAddress")
	}
	if IsManagedDataIdentifier(id) {
		return nil
	}
	msg := "%s is not a CloudWatch Logs managed data identifier; expected one such as EmailAddress, CreditCardNumber or Ssn-US (see spec.IsManagedDataIdentifier)"
	if s := suggestDataIdentifier(id); s != "" {
		msg = "%s is not a CloudWatch Logs managed data identifier; did you mean " + s + "?"
	}
	return fieldErr(field, msg, echo(id))
}

func suggestDataIdentifier(id string) string {
	var all []string
	all = append(all, globalDataIdentifiers...)
	for base, cs := range countryDataIdentifiers {
		for _, c := range cs {
			all = append(all, base+"-"+c)
		}
	}
	sort.Strings(all)
	best, bestD := "", 3
	for _, cand := range all {
		if d := editDistance(strings.ToLower(id), strings.ToLower(cand), bestD); d < bestD {
			best, bestD = cand, d
		}
	}
	return best
}

// editDistance is the Levenshtein distance of a and b, or limit when it
// is at least limit.
func editDistance(a, b string, limit int) int {
	if len(a) > 64 || len(b) > 64 {
		return limit
	}
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return min(prev[len(b)], limit)
}
