// The spooler on Linux and macOS: libcups, speaking IPP to the CUPS scheduler.
//
// libcups keeps its connection and its choice of server per thread, and the addon runs every call on one of
// libuv's worker threads. So each call applies the process-wide server choice to its thread and opens (and closes)
// its own connection with explicit timeouts, instead of relying on the thread's implicit default connection.
#include <cups/cups.h>

#include <algorithm>
#include <cstring>
#include <mutex>
#include <string>
#include <vector>

#include "spooler.h"

namespace raw_printer {
namespace {

// How long to wait for cupsd to accept a connection, and for any one read or write on it.
constexpr int kConnectTimeoutMs = 10000;
constexpr double kIoTimeoutSeconds = 30.0;
// cupsWriteRequestData is called in chunks so a large job never needs one huge write.
constexpr size_t kWriteChunk = 64 * 1024;

std::mutex g_server_mutex;
std::string g_server;  // empty: libcups' default (CUPS_SERVER, client.conf, the local socket)

void ApplyServerToThisThread() {
  std::string server;
  {
    std::lock_guard<std::mutex> lock(g_server_mutex);
    server = g_server;
  }
  cupsSetServer(server.empty() ? nullptr : server.c_str());
}

std::string Describe(const char* server, int port) {
  if (server == nullptr) return "(unknown)";
  if (server[0] == '/') return server;
  return std::string(server) + ":" + std::to_string(port);
}

/** Opens a fresh connection to the scheduler chosen for this process. */
http_t* Connect(SpoolerError* error) {
  ApplyServerToThisThread();
  const char* server = cupsServer();
  const int port = ippPort();
  http_t* http = httpConnect2(server, port, nullptr, AF_UNSPEC, cupsEncryption(), 1, kConnectTimeoutMs, nullptr);
  if (http == nullptr) {
    error->kind = ErrorKind::kUnreachable;
    error->message = "cannot reach the CUPS scheduler at " + Describe(server, port) + ": " + cupsLastErrorString();
    return nullptr;
  }
  httpSetTimeout(http, kIoTimeoutSeconds, nullptr, nullptr);
  return http;
}

/** Closes the connection when the calling function returns, whichever way it returns. */
class Connection {
 public:
  explicit Connection(SpoolerError* error) : http_(Connect(error)) {}
  ~Connection() {
    if (http_ != nullptr) httpClose(http_);
  }
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;
  http_t* get() const { return http_; }

 private:
  http_t* http_;
};

/**
 * Turns libcups' last error into a SpoolerError, with `context` saying what was being done. cupsd answers a request
 * for an unknown queue's resource (/printers/NAME) with HTTP 404, which libcups reports as an internal error with
 * errno's text, so the connection's HTTP status is consulted too.
 */
void FailFromLastError(const std::string& context, SpoolerError* error, http_t* http = nullptr) {
  const ipp_status_t status = cupsLastError();
  if (http != nullptr && httpGetStatus(http) == HTTP_STATUS_NOT_FOUND) {
    error->kind = ErrorKind::kNotFound;
    error->message = context + ": " + httpStatus(HTTP_STATUS_NOT_FOUND);
    return;
  }
  switch (status) {
    case IPP_STATUS_ERROR_NOT_FOUND:
      error->kind = ErrorKind::kNotFound;
      break;
    case IPP_STATUS_ERROR_NOT_ACCEPTING_JOBS:
      error->kind = ErrorKind::kRefused;
      break;
    case IPP_STATUS_ERROR_SERVICE_UNAVAILABLE:
      error->kind = ErrorKind::kUnreachable;
      break;
    default:
      error->kind = ErrorKind::kFailed;
  }
  const char* text = cupsLastErrorString();
  error->message = context + ": " + (text != nullptr && text[0] != '\0' ? text : ippErrorString(status));
}

const char* PrinterStateName(int state) {
  switch (state) {
    case IPP_PSTATE_IDLE:
      return "idle";
    case IPP_PSTATE_PROCESSING:
      return "processing";
    default:
      return "stopped";
  }
}

const char* JobStateName(int state) {
  switch (state) {
    case IPP_JSTATE_PENDING:
      return "pending";
    case IPP_JSTATE_HELD:
      return "held";
    case IPP_JSTATE_PROCESSING:
      return "processing";
    case IPP_JSTATE_STOPPED:
      return "stopped";
    case IPP_JSTATE_CANCELED:
      return "canceled";
    case IPP_JSTATE_ABORTED:
      return "aborted";
    case IPP_JSTATE_COMPLETED:
      return "completed";
    default:
      return "pending";
  }
}

std::vector<std::string> StringValues(ipp_attribute_t* attr) {
  std::vector<std::string> values;
  const int count = ippGetCount(attr);
  for (int i = 0; i < count; i++) {
    const char* value = ippGetString(attr, i, nullptr);
    if (value != nullptr) values.emplace_back(value);
  }
  return values;
}

/** Cancels a job whose document could not be sent completely, so no half job waits in the queue. */
void CancelQuietly(const std::string& printer, int job_id) {
  SpoolerError ignored;
  Connection connection(&ignored);
  if (connection.get() != nullptr) cupsCancelJob2(connection.get(), printer.c_str(), job_id, 0);
}

}  // namespace

const char* BackendName() { return "cups"; }

const char* InvalidPrinterNameReason(const std::string& name) {
  // CUPS' own rule for queue names (lpadmin): at most 127 bytes, printable, none of these characters. The name
  // also becomes part of a URL path (/printers/NAME), so '/' and '?' must never get through.
  if (name.size() > 127) return "is longer than 127 bytes";
  for (unsigned char c : name) {
    if (c <= 0x20 || c == 0x7f) return "contains a space or a control character";
    if (std::strchr("/\\?'\"#", c) != nullptr) return "contains one of / \\ ? ' \" #";
  }
  return nullptr;
}

void SetServer(const std::string& server) {
  std::lock_guard<std::mutex> lock(g_server_mutex);
  g_server = server;
}

bool ListPrinters(std::vector<PrinterInfo>* printers, SpoolerError* error) {
  Connection connection(error);
  http_t* http = connection.get();
  if (http == nullptr) return false;

  static const char* const kAttributes[] = {"printer-name", "printer-state", "printer-is-accepting-jobs",
                                            "printer-state-message", "printer-state-reasons"};
  ipp_t* request = ippNewRequest(IPP_OP_CUPS_GET_PRINTERS);
  ippAddStrings(request, IPP_TAG_OPERATION, IPP_TAG_KEYWORD, "requested-attributes",
                static_cast<int>(sizeof(kAttributes) / sizeof(kAttributes[0])), nullptr, kAttributes);
  ipp_t* response = cupsDoRequest(http, request, "/");
  if (response == nullptr || cupsLastError() > IPP_STATUS_OK_CONFLICTING) {
    if (response != nullptr) ippDelete(response);
    // CUPS answers "not found" when it has no queues at all: that is an empty list, not an error.
    if (cupsLastError() == IPP_STATUS_ERROR_NOT_FOUND) return true;
    FailFromLastError("cannot list the CUPS printers", error);
    return false;
  }

  // Each printer is one group of attributes; groups are separated by an attribute without a name.
  ipp_attribute_t* attr = ippFirstAttribute(response);
  while (attr != nullptr) {
    while (attr != nullptr && ippGetGroupTag(attr) != IPP_TAG_PRINTER) attr = ippNextAttribute(response);
    if (attr == nullptr) break;
    PrinterInfo info;
    for (; attr != nullptr && ippGetGroupTag(attr) == IPP_TAG_PRINTER; attr = ippNextAttribute(response)) {
      const char* name = ippGetName(attr);
      if (name == nullptr) continue;
      if (std::strcmp(name, "printer-name") == 0) {
        const char* value = ippGetString(attr, 0, nullptr);
        if (value != nullptr) info.name = value;
      } else if (std::strcmp(name, "printer-state") == 0) {
        info.state = PrinterStateName(ippGetInteger(attr, 0));
      } else if (std::strcmp(name, "printer-is-accepting-jobs") == 0) {
        info.accepting = ippGetBoolean(attr, 0) != 0;
      } else if (std::strcmp(name, "printer-state-message") == 0) {
        const char* value = ippGetString(attr, 0, nullptr);
        if (value != nullptr) info.message = value;
      } else if (std::strcmp(name, "printer-state-reasons") == 0) {
        info.reasons = StringValues(attr);
        info.reasons.erase(std::remove(info.reasons.begin(), info.reasons.end(), "none"), info.reasons.end());
      }
    }
    if (!info.name.empty()) printers->push_back(info);
  }
  ippDelete(response);

  // The default may come from the user's lpoptions or LPDEST as well as from the scheduler; libcups knows.
  const char* default_name = cupsGetDefault2(http);
  if (default_name != nullptr) {
    for (PrinterInfo& info : *printers) info.is_default = info.name == default_name;
  }
  return true;
}

bool SubmitRawJob(const std::string& printer, const std::string& title, const uint8_t* data, size_t length,
                  int* job_id, SpoolerError* error) {
  Connection connection(error);
  http_t* http = connection.get();
  if (http == nullptr) return false;

  const int id = cupsCreateJob(http, printer.c_str(), title.c_str(), 0, nullptr);
  if (id == 0) {
    FailFromLastError("CUPS refused a job for printer \"" + printer + "\"", error, http);
    // libcups reports an unknown queue as an internal error ("No such file or directory"); ask for the queue by
    // name to tell "no such printer" from a real refusal.
    cups_dest_t* dest = error->kind == ErrorKind::kNotFound ? nullptr : cupsGetNamedDest(http, printer.c_str(), nullptr);
    if (dest != nullptr) {
      cupsFreeDests(1, dest);
    } else if (error->kind == ErrorKind::kNotFound || httpError(http) == 0) {
      error->kind = ErrorKind::kNotFound;
      error->message = "no CUPS printer named \"" + printer + "\"";
    }
    return false;
  }
  const std::string where = "job " + std::to_string(id) + " on printer \"" + printer + "\"";

  // CUPS_FORMAT_RAW: the bytes are already in the printer's language; no filter or driver may touch them.
  if (cupsStartDocument(http, printer.c_str(), id, title.c_str(), CUPS_FORMAT_RAW, 1) != HTTP_STATUS_CONTINUE) {
    FailFromLastError("cannot start the document of " + where, error);
    CancelQuietly(printer, id);
    return false;
  }
  for (size_t offset = 0; offset < length; offset += kWriteChunk) {
    const size_t chunk = std::min(kWriteChunk, length - offset);
    if (cupsWriteRequestData(http, reinterpret_cast<const char*>(data + offset), chunk) != HTTP_STATUS_CONTINUE) {
      FailFromLastError("cannot send the bytes of " + where + " (" + std::to_string(offset) + " of " +
                            std::to_string(length) + " sent)",
                        error);
      CancelQuietly(printer, id);
      return false;
    }
  }
  if (cupsFinishDocument(http, printer.c_str()) > IPP_STATUS_OK_CONFLICTING) {
    FailFromLastError("CUPS did not accept the document of " + where, error);
    CancelQuietly(printer, id);
    return false;
  }
  *job_id = id;
  return true;
}

bool GetJobStatus(const std::string& printer, int job_id, JobStatus* status, SpoolerError* error) {
  Connection connection(error);
  http_t* http = connection.get();
  if (http == nullptr) return false;

  char job_uri[HTTP_MAX_URI];
  httpAssembleURIf(HTTP_URI_CODING_ALL, job_uri, sizeof(job_uri), "ipp", nullptr, "localhost", ippPort(), "/jobs/%d",
                   job_id);
  static const char* const kAttributes[] = {"job-state", "job-state-reasons", "job-printer-state-message"};
  ipp_t* request = ippNewRequest(IPP_OP_GET_JOB_ATTRIBUTES);
  ippAddString(request, IPP_TAG_OPERATION, IPP_TAG_URI, "job-uri", nullptr, job_uri);
  ippAddString(request, IPP_TAG_OPERATION, IPP_TAG_NAME, "requesting-user-name", nullptr, cupsUser());
  ippAddStrings(request, IPP_TAG_OPERATION, IPP_TAG_KEYWORD, "requested-attributes",
                static_cast<int>(sizeof(kAttributes) / sizeof(kAttributes[0])), nullptr, kAttributes);
  ipp_t* response = cupsDoRequest(http, request, "/");
  const std::string where = "job " + std::to_string(job_id) + " on printer \"" + printer + "\"";
  if (response == nullptr || cupsLastError() > IPP_STATUS_OK_CONFLICTING) {
    if (response != nullptr) ippDelete(response);
    FailFromLastError("cannot read the state of " + where, error, http);
    if (error->kind == ErrorKind::kNotFound) error->message = "CUPS knows no " + where;
    return false;
  }
  status->id = job_id;
  status->state = "pending";
  ipp_attribute_t* attr = ippFindAttribute(response, "job-state", IPP_TAG_ENUM);
  if (attr != nullptr) status->state = JobStateName(ippGetInteger(attr, 0));
  attr = ippFindAttribute(response, "job-state-reasons", IPP_TAG_KEYWORD);
  if (attr != nullptr) {
    status->reasons = StringValues(attr);
    status->reasons.erase(std::remove(status->reasons.begin(), status->reasons.end(), "none"),
                          status->reasons.end());
  }
  attr = ippFindAttribute(response, "job-printer-state-message", IPP_TAG_TEXT);
  if (attr != nullptr) {
    const char* value = ippGetString(attr, 0, nullptr);
    if (value != nullptr) status->message = value;
  }
  ippDelete(response);
  return true;
}

}  // namespace raw_printer
