'use strict';
// The JavaScript face of the raw-printer addon: checks every argument before it reaches C++ (which checks again),
// so a mistake is reported with the argument's name, the function's name and what was wrong.
const path = require('node:path');

const binding = require(path.join(__dirname, 'build', 'Release', 'raw_printer.node'));

const MAX_JOB_BYTES = 64 * 1024 * 1024;
const MAX_TITLE_BYTES = 255;
/** True when `text` holds a control character (C0 or DEL): never part of a queue name, a title or an address. */
function hasControl(text) {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x20 || code === 0x7f) return true;
  }
  return false;
}

function typeError(fn, message) {
  const error = new TypeError(`${fn}: ${message}`);
  error.code = 'ERR_INVALID_ARG_TYPE';
  return error;
}

function rangeError(fn, message) {
  const error = new RangeError(`${fn}: ${message}`);
  error.code = 'ERR_INVALID_ARG_VALUE';
  return error;
}

function checkOptions(fn, options) {
  if (options === null || typeof options !== 'object') throw typeError(fn, 'expects an options object');
}

function checkPrinter(fn, printer) {
  if (typeof printer !== 'string') throw typeError(fn, 'printer must be a string (the queue name)');
  if (printer.length === 0) throw rangeError(fn, 'printer must not be empty');
  if (Buffer.byteLength(printer) > 259) throw rangeError(fn, `printer "${printer}" is longer than 259 bytes`);
  if (hasControl(printer)) throw rangeError(fn, 'printer must not contain control characters');
}

/** @returns {Promise<import('./index').SpoolerPrinter[]>} */
async function listPrinters() {
  return binding.listPrinters();
}

/** @param {import('./index').RawJob} job */
async function submitRawJob(job) {
  const fn = 'submitRawJob';
  checkOptions(fn, job);
  const { printer, title, bytes } = job;
  checkPrinter(fn, printer);
  if (typeof title !== 'string') throw typeError(fn, 'title must be a string');
  const titleBytes = Buffer.byteLength(title);
  if (titleBytes === 0 || titleBytes > MAX_TITLE_BYTES) {
    throw rangeError(fn, `title must be 1 to ${MAX_TITLE_BYTES} bytes of UTF-8, got ${titleBytes}`);
  }
  if (hasControl(title)) throw rangeError(fn, 'title must not contain control characters');
  if (!(bytes instanceof Uint8Array)) throw typeError(fn, 'bytes must be a Uint8Array or Buffer');
  if (bytes.byteLength === 0) throw rangeError(fn, 'bytes must not be empty');
  if (bytes.byteLength > MAX_JOB_BYTES) {
    throw rangeError(fn, `bytes must be at most ${MAX_JOB_BYTES} bytes, got ${bytes.byteLength}`);
  }
  return binding.submitRawJob(printer, title, bytes);
}

/** @param {{ printer: string, jobId: number }} query */
async function getJobState(query) {
  const fn = 'getJobState';
  checkOptions(fn, query);
  const { printer, jobId } = query;
  checkPrinter(fn, printer);
  if (typeof jobId !== 'number') throw typeError(fn, 'jobId must be a number');
  if (!Number.isInteger(jobId) || jobId < 1 || jobId > 2147483647) {
    throw rangeError(fn, `jobId must be a whole number from 1 to 2147483647, got ${jobId}`);
  }
  return binding.getJobState(printer, jobId);
}

/** @param {string | null} server */
function setServer(server) {
  const fn = 'setServer';
  if (server === null || server === undefined) return binding.setServer(null);
  if (typeof server !== 'string')
    throw typeError(fn, 'server must be a string (host, host:port or socket path) or null');
  if (server.length === 0 || Buffer.byteLength(server) > 255) throw rangeError(fn, 'server must be 1 to 255 bytes');
  if (/\s/.test(server) || hasControl(server))
    throw rangeError(fn, 'server must not contain spaces or control characters');
  return binding.setServer(server);
}

module.exports = {
  backend: binding.backend,
  listPrinters,
  submitRawJob,
  getJobState,
  setServer,
};
