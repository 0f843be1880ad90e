// eventwatch's host of jsii's kernel (package kernelhost). jsii-runtime-go
// normally starts bin/jsii-runtime.js, a relay that starts the kernel
// program (lib/program.js) as a second Node.js process and copies every
// request and response between its own stdin/stdout and the program's fd
// 3. This script runs that same program in this process instead:
//
//   node --preserve-symlinks -e "$(cat host.js)" PROGRAM 3<&0
//
// fd 3 is stdin (the shell's 3<&0), so the program reads requests as it
// does behind the relay; what it writes to fd 3 goes to stdout. What the
// kernel's code prints to stdout (console.log) must not mix with the
// responses: it reaches Go on stderr as {"stdout": "<base64>"} lines, the
// relay's form, which jsii-runtime-go decodes and prints.
'use strict';
const fs = require('fs');
const { Writable } = require('stream');

const API_FD = 3;
const STDOUT_FD = 1;
const STDERR_FD = 2;
const program = process.argv[1];

const writeSync = fs.writeSync;
fs.writeSync = function (fd, ...rest) {
  return writeSync.call(fs, fd === API_FD ? STDOUT_FD : fd, ...rest);
};

const stdoutToGo = new Writable({
  write(chunk, _encoding, done) {
    writeSync.call(fs, STDERR_FD, JSON.stringify({ stdout: chunk.toString('base64') }) + '\n');
    done();
  },
});
Object.defineProperty(process, 'stdout', { configurable: true, enumerable: true, get: () => stdoutToGo });

require(program);
