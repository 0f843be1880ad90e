#!/usr/bin/env node
// The eventwatch app written the usual way, with aws-cdk-lib L2 constructs in
// plain JavaScript, for the synth benchmark (bench/synth.sh). It reads the
// same config directory as the Go app and builds the same stacks (names,
// account/region, stack tags) with the same CloudFormation resource types and
// counts per stack; properties and logical IDs differ where L2 defaults differ.
//
// Run it from the repo root so that cdk.json's context (feature flags) applies:
//
//	npx cdk synth --app "node bench/tsapp/app.js DIR" [-c env=prod]
//
// DIR may also be given as -c config=DIR. It does not re-implement the Go
// app's config validation (filter pattern and Logs Insights parsers, field
// checks): it trusts a config the Go app accepts.
'use strict';

const fs = require('fs');
const path = require('path');
const YAML = require('yaml');
const cdk = require('aws-cdk-lib');
const iam = require('aws-cdk-lib/aws-iam');
const kms = require('aws-cdk-lib/aws-kms');
const logs = require('aws-cdk-lib/aws-logs');
const sns = require('aws-cdk-lib/aws-sns');
const subs = require('aws-cdk-lib/aws-sns-subscriptions');
const sqs = require('aws-cdk-lib/aws-sqs');
const lambda = require('aws-cdk-lib/aws-lambda');
const chatbot = require('aws-cdk-lib/aws-chatbot');
const cloudwatch = require('aws-cdk-lib/aws-cloudwatch');
const actions = require('aws-cdk-lib/aws-cloudwatch-actions');

const SEVERITIES = ['critical', 'warning'];

// Defaults of the Go app (constructs/defaults.go).
const D = {
  app: 'eventwatch', retentionDays: 731, logGroupClass: 'STANDARD', metricValue: '1',
  countUnit: 'Count', valueUnit: 'None', comparison: 'GreaterThanOrEqualToThreshold', statistic: 'Sum',
  periodSeconds: 300, evaluationPeriods: 1, countMissingData: 'notBreaching', valueMissingData: 'missing',
  severity: 'warning',
};

// RawQueryString passes a Logs Insights query through as written; the
// saved queries are files, not the structured props QueryString takes.
class RawQueryString extends logs.QueryString {
  constructor(text) { super({}); this.text = text; }
  toString() { return this.text; }
}

const isNumber = (s) => /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(s);
const pascal = (...parts) => parts.join('-').split(/[^A-Za-z0-9]+/).filter(Boolean)
  .map((w) => w[0].toUpperCase() + w.slice(1)).join('');
const slug = (s) => s.replace(/[A-Z]/g, (c) => c.toLowerCase()).replace(/[^a-z0-9_-]/g, '-');
const parsePeriod = (s) => (s ? Number(s.slice(0, -1)) * { s: 1, m: 60, h: 3600 }[s.slice(-1)] : 0);

function loadConfig(dir) {
  const services = YAML.parse(fs.readFileSync(path.join(dir, 'services.yaml'), 'utf8'));
  services.app = services.app || D.app;
  services.queries = services.queries || [];
  const envDir = path.join(dir, 'environments');
  const environments = fs.readdirSync(envDir).filter((f) => f.endsWith('.yaml')).sort().map((f) => ({
    name: f.slice(0, -'.yaml'.length),
    ...YAML.parse(fs.readFileSync(path.join(envDir, f), 'utf8')),
  }));
  let queriesDir = path.join(dir, 'queries');
  if (!fs.existsSync(queriesDir)) queriesDir = path.join(__dirname, '..', '..', 'queries');
  const queryText = (file) => fs.readFileSync(path.join(queriesDir, file + '.insights'), 'utf8');
  return { services, environments, queryText };
}

function logGroupName(cfg, service, env) {
  const svc = cfg.services.services.find((s) => s.name === service);
  if (svc && svc.logGroup && svc.logGroup.name) return svc.logGroup.name.split('{env}').join(env);
  return `/${cfg.services.app}/${env}/${service}`;
}

function removalPolicy(env) {
  return env.removalPolicy === 'destroy' ? cdk.RemovalPolicy.DESTROY : cdk.RemovalPolicy.RETAIN;
}

// addAlertTopics adds the topics' key, one encrypted TLS-only topic per
// severity with its subscriptions, and one Chatbot configuration per Slack
// channel sharing one role.
function addAlertTopics(stack, prefix, env, owner) {
  const key = new kms.Key(stack, 'AlertKey', {
    description: `eventwatch: encrypts the alert topics ${prefix}-*`,
    enableKeyRotation: true,
    removalPolicy: removalPolicy(env),
  });
  key.addToResourcePolicy(new iam.PolicyStatement({
    sid: 'AllowCloudWatchAlarmsToPublish',
    principals: [new iam.ServicePrincipal('cloudwatch.amazonaws.com')],
    actions: ['kms:Decrypt', 'kms:GenerateDataKey*'],
    resources: ['*'],
  }));
  cdk.Tags.of(key).add('owner', owner);
  const subscriptions = env.subscriptions || {};
  const topics = {};
  const imports = {};
  const deadLetters = {};
  const slack = new Map(); // channel -> {workspaceId, topics}
  for (const sev of SEVERITIES) {
    const topic = new sns.Topic(stack, pascal('AlertTopic', sev), {
      topicName: `${prefix}-${sev}`,
      displayName: `eventwatch ${sev} alerts (${prefix})`,
      masterKey: key,
      enforceSSL: true,
    });
    cdk.Tags.of(topic).add('owner', owner);
    topic.addToResourcePolicy(new iam.PolicyStatement({
      sid: 'AllowCloudWatchAlarms',
      principals: [new iam.ServicePrincipal('cloudwatch.amazonaws.com')],
      actions: ['sns:Publish'],
      resources: [topic.topicArn],
      conditions: { StringEquals: { 'aws:SourceAccount': stack.account } },
    }));
    topics[sev] = topic;
    const endpoints = (subscriptions[sev] || []).filter((s) => !s.slack);
    const deadLetterQueue = endpoints.length === 0 ? undefined : new sqs.Queue(stack, pascal(sev, 'DeadLetters'), {
      encryption: sqs.QueueEncryption.SQS_MANAGED, enforceSSL: true, retentionPeriod: cdk.Duration.days(14),
    });
    if (deadLetterQueue) deadLetters[sev] = deadLetterQueue;
    for (const s of subscriptions[sev] || []) {
      if (s.email) topic.addSubscription(new subs.EmailSubscription(s.email, { deadLetterQueue }));
      else if (s.https && s.https.startsWith('{{resolve:')) {
        // A dynamic reference, resolved by CloudFormation: the protocol is given, as in the Go app.
        const url = cdk.Lazy.string({ produce: () => s.https });
        topic.addSubscription(new subs.UrlSubscription(url, { deadLetterQueue, protocol: sns.SubscriptionProtocol.HTTPS }));
      } else if (s.https) topic.addSubscription(new subs.UrlSubscription(s.https, { deadLetterQueue }));
      else if (s.sqs) {
        imports[s.sqs] = imports[s.sqs] || sqs.Queue.fromQueueArn(stack, pascal('Queue', s.sqs), s.sqs);
        topic.addSubscription(new subs.SqsSubscription(imports[s.sqs], { deadLetterQueue }));
      } else if (s.lambda) {
        imports[s.lambda] = imports[s.lambda] || lambda.Function.fromFunctionArn(stack, pascal('Function', s.lambda), s.lambda);
        topic.addSubscription(new subs.LambdaSubscription(imports[s.lambda], { deadLetterQueue }));
      } else if (s.slack) {
        const c = slack.get(s.slack.channelId) || { workspaceId: s.slack.workspaceId, topics: [] };
        c.topics.push(topic);
        slack.set(s.slack.channelId, c);
      }
    }
  }
  if (slack.size > 0) {
    // A customer-managed policy, as the Go app's roles carry no inline one.
    const readAlarms = new iam.ManagedPolicy(stack, 'ChatbotReadAlarms', {
      description: 'eventwatch: lets AWS Chatbot read the alarms it posts to Slack',
      statements: [new iam.PolicyStatement({
        actions: ['cloudwatch:DescribeAlarms', 'cloudwatch:GetMetricData', 'cloudwatch:DescribeAlarmHistory'],
        resources: ['*'],
      })],
    });
    const role = new iam.Role(stack, 'ChatbotRole', {
      description: 'eventwatch: lets AWS Chatbot read the alarms it posts to Slack',
      assumedBy: new iam.ServicePrincipal('chatbot.amazonaws.com'),
      managedPolicies: [readAlarms],
    });
    const readOnly = iam.ManagedPolicy.fromAwsManagedPolicyName('CloudWatchReadOnlyAccess');
    for (const channelId of [...slack.keys()].sort()) {
      const c = slack.get(channelId);
      new chatbot.SlackChannelConfiguration(stack, pascal('Slack', channelId), {
        slackChannelConfigurationName: slug(`${prefix}-${channelId}`),
        slackWorkspaceId: c.workspaceId,
        slackChannelId: channelId,
        role,
        notificationTopics: c.topics,
        guardrailPolicies: [readOnly],
        loggingLevel: chatbot.LoggingLevel.ERROR,
      });
    }
  }
  for (const [sev, queue] of Object.entries(deadLetters)) {
    const other = sev === 'critical' ? 'warning' : 'critical';
    const alarm = new cloudwatch.Alarm(stack, pascal(sev, 'Undelivered'), {
      alarmName: `${prefix}-${sev}-undelivered`,
      metric: queue.metricApproximateNumberOfMessagesVisible({ statistic: 'Maximum', period: cdk.Duration.minutes(5) }),
      threshold: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      evaluationPeriods: 1,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });
    const action = new actions.SnsAction(topics[other]);
    alarm.addAlarmAction(action);
    alarm.addOkAction(action);
  }
  return topics;
}

// addDashboard adds a service's dashboard: header, alarm status, a graph
// per alarm with its threshold, the log group's traffic, its saved queries.
function addDashboard(stack, name, title, owner, alarms, logGroup, queries) {
  const widgets = [new cloudwatch.TextWidget({ markdown: `# ${title}\n\nOwner: **${owner}**`, width: 24, height: 3 })];
  if (alarms.length > 0) widgets.push(new cloudwatch.AlarmStatusWidget({ title: 'Alarms', alarms: alarms.map((a) => a.alarm), width: 24, height: 3 }));
  for (const a of alarms) {
    widgets.push(new cloudwatch.GraphWidget({
      title: a.name, left: [a.metric], width: 12, height: 6,
      leftAnnotations: a.threshold === undefined ? undefined : [{ value: a.threshold, label: 'threshold' }],
    }));
  }
  if (logGroup) {
    widgets.push(new cloudwatch.GraphWidget({
      title: 'Incoming log events and bytes', width: 12, height: 6,
      left: [logGroup.metric('IncomingLogEvents', { statistic: 'Sum' })],
      right: [logGroup.metricIncomingBytes({ statistic: 'Sum' })],
    }));
  }
  for (const q of queries) {
    widgets.push(new cloudwatch.LogQueryWidget({ title: q.title, queryString: q.text, logGroupNames: q.logGroupNames, width: 24, height: 6 }));
  }
  const dashboard = new cloudwatch.Dashboard(stack, pascal('Dashboard', name), { dashboardName: name });
  dashboard.addWidgets(...widgets);
}

// importedTopics addresses the main stack's topics by ARN from another
// stack, as the Go app does, without a cross-stack export.
function importedTopics(stack, prefix) {
  const topics = {};
  for (const sev of SEVERITIES) {
    const arn = stack.formatArn({ service: 'sns', resource: `${prefix}-${sev}`, arnFormat: cdk.ArnFormat.NO_RESOURCE_NAME });
    topics[sev] = sns.Topic.fromTopicArn(stack, pascal('AlertTopic', sev), arn);
  }
  return topics;
}

// addService adds a service's log group (and key), metric filters and alarms.
function addService(stack, cfg, env, svc, topics) {
  const app = cfg.services.app;
  const owner = svc.owner || cfg.services.owner;
  const lgProps = svc.logGroup || {};
  const name = logGroupName(cfg, svc.name, env.name);
  const removal = removalPolicy(env);
  let encryptionKey;
  if (env.encryptLogs) {
    encryptionKey = new kms.Key(stack, pascal('LogGroupKey', svc.name), {
      description: `eventwatch: encrypts log group ${name}`,
      enableKeyRotation: true,
      removalPolicy: removal,
    });
    encryptionKey.addToResourcePolicy(new iam.PolicyStatement({
      sid: 'AllowCloudWatchLogs',
      principals: [new iam.ServicePrincipal(`logs.${stack.region}.amazonaws.com`)],
      actions: ['kms:Encrypt*', 'kms:Decrypt*', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:Describe*'],
      resources: ['*'],
      conditions: { ArnEquals: { 'kms:EncryptionContext:aws:logs:arn': stack.formatArn({ service: 'logs', resource: 'log-group', resourceName: name, arnFormat: cdk.ArnFormat.COLON_RESOURCE_NAME }) } },
    }));
  }
  const masked = lgProps.maskedDataIdentifiers || [];
  const logGroup = new logs.LogGroup(stack, pascal('LogGroup', svc.name), {
    logGroupName: name,
    retention: lgProps.retentionDays || env.retentionDays || D.retentionDays,
    logGroupClass: lgProps.class || D.logGroupClass,
    removalPolicy: removal,
    deletionProtectionEnabled: env.deletionProtection ? true : undefined,
    encryptionKey,
    dataProtectionPolicy: masked.length === 0 ? undefined : new logs.DataProtectionPolicy({
      name: 'eventwatch-data-protection',
      description: `eventwatch: masks sensitive data in ${name}`,
      identifiers: masked.map((id) => new logs.DataIdentifier(id)),
    }),
  });
  cdk.Tags.of(logGroup).add('service', svc.name);
  cdk.Tags.of(logGroup).add('owner', owner);

  const actionsEnabled = env.alarmActions !== false;
  const thresholds = env.thresholds || {};
  const alarms = [];
  for (const ev of svc.events || []) {
    const m = ev.metric || {};
    const value = m.value || D.metricValue;
    const namespace = m.namespace || `${app}/${svc.name}`;
    const metricName = m.name || ev.name;
    const id = `${svc.name}-${ev.name}`;
    const filter = new logs.MetricFilter(stack, pascal('MetricFilter', id), {
      logGroup,
      filterPattern: logs.FilterPattern.literal(ev.pattern),
      metricNamespace: namespace,
      metricName,
      metricValue: value,
      unit: m.unit || (isNumber(value) ? D.countUnit : D.valueUnit),
      defaultValue: m.defaultValue,
      dimensions: m.dimensions,
    });
    const a = ev.alarm;
    if (!a) continue;
    const evaluationPeriods = a.evaluationPeriods || D.evaluationPeriods;
    const key = `${svc.name}/${ev.name}`;
    const description = [ev.description, a.runbook && `Runbook: ${a.runbook}`].filter(Boolean).join(' ');
    const alarm = new cloudwatch.Alarm(stack, pascal('Alarm', id), {
      alarmName: `${env.name}-${svc.name}-${a.severity || D.severity}-${ev.name}`,
      alarmDescription: description || undefined,
      metric: filter.metric({
        statistic: a.statistic || D.statistic,
        period: cdk.Duration.seconds(parsePeriod(a.period) || D.periodSeconds),
        dimensionsMap: a.dimensions,
      }),
      threshold: key in thresholds ? thresholds[key] : a.threshold,
      comparisonOperator: a.comparison || D.comparison,
      evaluationPeriods,
      datapointsToAlarm: a.datapointsToAlarm || evaluationPeriods,
      treatMissingData: a.missingData || (isNumber(value) ? D.countMissingData : D.valueMissingData),
      actionsEnabled,
    });
    cdk.Tags.of(alarm).add('service', svc.name);
    cdk.Tags.of(alarm).add('owner', owner);
    const action = new actions.SnsAction(topics[a.severity || D.severity]);
    alarm.addAlarmAction(action);
    alarm.addOkAction(action);
    alarms.push({ alarm, name: alarm.alarmName, metric: alarm.metric, threshold: key in thresholds ? thresholds[key] : a.threshold });
  }
  return { logGroup, alarms, owner };
}

function main() {
  const app = new cdk.App();
  const dir = process.argv[2] || app.node.tryGetContext('config');
  if (!dir) throw new Error('usage: node bench/tsapp/app.js CONFIG_DIR (or -c config=DIR)');
  const cfg = loadConfig(dir);
  const s = cfg.services;
  let envs = cfg.environments;
  const sel = app.node.tryGetContext('env');
  if (sel) {
    const names = String(sel).split(',').map((n) => n.trim());
    envs = names.map((n) => {
      const e = cfg.environments.find((x) => x.name === n);
      if (!e) throw new Error(`unknown environment ${n}`);
      return e;
    });
  }
  for (const env of envs) {
    const mainName = `${s.app}-${env.name}`;
    const stacks = new Map(); // stack key ('' = main) -> {stack, topics}
    const stackFor = (k) => {
      if (stacks.has(k)) return stacks.get(k);
      const name = k === '' ? mainName : `${mainName}-${k}`;
      const stack = new cdk.Stack(app, name, {
        stackName: name,
        env: { account: String(env.account), region: env.region },
        description: `eventwatch ${env.name}: log groups, metric filters, alarms, alert topics and saved Logs Insights queries`,
        tags: { app: s.app, environment: env.name, owner: s.owner },
      });
      const entry = { stack, topics: null };
      entry.topics = k === '' ? addAlertTopics(stack, mainName, env, s.owner) : importedTopics(stack, mainName);
      stacks.set(k, entry);
      return entry;
    };
    stackFor('');
    const logGroups = new Map(); // service -> {stackKey, logGroup, alarms, owner}
    for (const svc of s.services) {
      const k = svc.stack || '';
      const { stack, topics } = stackFor(k);
      logGroups.set(svc.name, { k, ...addService(stack, cfg, env, svc, topics) });
    }
    for (const q of s.queries) {
      if (!q.logGroups || q.logGroups.length === 0) continue;
      const k = logGroups.get(q.logGroups[0]).k;
      const { stack } = stacks.get(k);
      const local = q.logGroups.every((n) => logGroups.get(n).k === k);
      new logs.QueryDefinition(stack, pascal('Query', q.file), {
        queryDefinitionName: q.file,
        queryString: new RawQueryString(cfg.queryText(q.file)),
        logGroups: q.logGroups.map((n) => (local ? logGroups.get(n).logGroup
          : logs.LogGroup.fromLogGroupName(stack, pascal('Imported', q.file, n), logGroupName(cfg, n, env.name)))),
      });
    }
    for (const svc of s.services) {
      const entry = logGroups.get(svc.name);
      const queries = s.queries.filter((q) => (q.logGroups || []).includes(svc.name)).map((q) => ({
        title: q.file, text: cfg.queryText(q.file), logGroupNames: q.logGroups.map((n) => logGroupName(cfg, n, env.name)),
      }));
      addDashboard(stacks.get(entry.k).stack, `${s.app}-${env.name}-${svc.name}`, `${svc.name} (${env.name})`, entry.owner, entry.alarms, entry.logGroup, queries);
    }
    const main = stacks.get('').stack;
    const summary = new cloudwatch.Dashboard(main, 'DashboardSummary', { dashboardName: `${s.app}-${env.name}` });
    const summaryWidgets = [new cloudwatch.TextWidget({ markdown: `# ${s.app} ${env.name}: every service`, width: 24, height: 3 })];
    for (const svc of s.services) {
      const { alarms } = logGroups.get(svc.name);
      if (alarms.length > 0) summaryWidgets.push(new cloudwatch.AlarmStatusWidget({ title: svc.name, alarms: alarms.slice(0, 100).map((a) => a.alarm), width: 24, height: 3 }));
    }
    summary.addWidgets(...summaryWidgets);
  }
  app.synth();
}

main();
