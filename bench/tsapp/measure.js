#!/usr/bin/env node
// Helpers of bench/synth.sh (Linux only, no dependencies):
//
//	node bench/tsapp/measure.js rss PID          peak RSS of PID's descendants
//	node bench/tsapp/measure.js counts DIR       resource types and counts per stack of a cloud assembly
//	node bench/tsapp/measure.js compare A B      compare two cloud assemblies' counts; exit 1 if they differ
//
// rss samples /proc every 100 ms until PID exits and prints, in KiB, the
// peak of the SUM of the resident set sizes of all of PID's descendants (not
// PID itself), and the peak RSS of the largest single descendant. Processes
// living less than a sample interval can be missed; the CDK CLI, the app and
// its jsii node child all live for seconds.
'use strict';

const fs = require('fs');
const path = require('path');

function rss(rootPid, intervalMs = 100) {
  const page = 4; // KiB; statm counts pages (4 KiB on x86-64 Linux)
  let peakSum = 0;
  let peakOne = 0;
  const sample = () => {
    const children = new Map();
    const rssOf = new Map();
    for (const d of fs.readdirSync('/proc')) {
      if (!/^\d+$/.test(d)) continue;
      try {
        const stat = fs.readFileSync(`/proc/${d}/stat`, 'utf8');
        const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
        const ppid = Number(f[1]);
        if (!children.has(ppid)) children.set(ppid, []);
        children.get(ppid).push(Number(d));
        rssOf.set(Number(d), Number(fs.readFileSync(`/proc/${d}/statm`, 'utf8').split(' ')[1]) * page);
      } catch { /* exited meanwhile */ }
    }
    let sum = 0;
    const stack = [...(children.get(rootPid) || [])];
    while (stack.length) {
      const p = stack.pop();
      const r = rssOf.get(p) || 0;
      sum += r;
      peakOne = Math.max(peakOne, r);
      stack.push(...(children.get(p) || []));
    }
    peakSum = Math.max(peakSum, sum);
  };
  const alive = () => fs.existsSync(`/proc/${rootPid}`);
  const timer = setInterval(() => {
    if (!alive()) {
      clearInterval(timer);
      console.log(`${peakSum} ${peakOne}`);
      return;
    }
    sample();
  }, intervalMs);
}

function counts(dir) {
  const manifest = JSON.parse(fs.readFileSync(path.join(dir, 'manifest.json'), 'utf8'));
  const out = {};
  for (const [id, a] of Object.entries(manifest.artifacts)) {
    if (a.type !== 'aws:cloudformation:stack') continue;
    const t = JSON.parse(fs.readFileSync(path.join(dir, a.properties.templateFile), 'utf8'));
    const c = {};
    for (const r of Object.values(t.Resources || {})) c[r.Type] = (c[r.Type] || 0) + 1;
    out[id] = {
      stackName: a.properties.stackName || id,
      environment: a.environment,
      tags: Object.fromEntries(Object.entries(a.properties.tags || {}).sort()),
      types: Object.fromEntries(Object.entries(c).sort()),
    };
  }
  return Object.fromEntries(Object.entries(out).sort());
}

const total = (cs) => Object.values(cs).reduce((n, s) => n + Object.values(s.types).reduce((a, b) => a + b, 0), 0);

function compare(a, b) {
  const ca = counts(a);
  const cb = counts(b);
  const problems = [];
  for (const id of new Set([...Object.keys(ca), ...Object.keys(cb)])) {
    const x = ca[id];
    const y = cb[id];
    if (!x || !y) { problems.push(`stack ${id} only in ${x ? a : b}`); continue; }
    for (const k of ['stackName', 'environment']) if (x[k] !== y[k]) problems.push(`${id}: ${k} ${x[k]} vs ${y[k]}`);
    if (JSON.stringify(x.tags) !== JSON.stringify(y.tags)) problems.push(`${id}: stack tags ${JSON.stringify(x.tags)} vs ${JSON.stringify(y.tags)}`);
    for (const t of new Set([...Object.keys(x.types), ...Object.keys(y.types)])) {
      if ((x.types[t] || 0) !== (y.types[t] || 0)) problems.push(`${id}: ${t} ${x.types[t] || 0} vs ${y.types[t] || 0}`);
    }
  }
  const stacks = Object.keys(ca).length;
  if (problems.length) {
    console.log(`MISMATCH between ${a} and ${b}:\n  ${problems.join('\n  ')}`);
    process.exit(1);
  }
  console.log(`same ${stacks} stacks (names, env, tags) and same resource types and counts per stack: ${total(ca)} resources each`);
}

const [cmd, ...args] = process.argv.slice(2);
switch (cmd) {
  case 'rss': rss(Number(args[0])); break;
  case 'counts': {
    const c = counts(args[0]);
    if (args[1] === '--total') console.log(total(c));
    else console.log(JSON.stringify(c, null, 1));
    break;
  }
  case 'compare': compare(args[0], args[1]); break;
  default:
    console.error('usage: measure.js rss PID | counts DIR [--total] | compare DIR_A DIR_B');
    process.exit(2);
}
