// The operating system's print spooler, seen by the addon: one small interface with a CUPS implementation
// (Linux, macOS) and a winspool implementation (Windows). Every function here may block on the network or on the
// spooler service, so the addon calls them only from worker threads, never from the JavaScript thread.
#ifndef RAW_PRINTER_SPOOLER_H_
#define RAW_PRINTER_SPOOLER_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace raw_printer {

/** One print queue as the spooler reports it. `state` is "idle", "processing" or "stopped". */
struct PrinterInfo {
  std::string name;
  bool is_default = false;
  std::string state;
  bool accepting = false;
  std::string message;
  std::vector<std::string> reasons;
};

/**
 * One job as the spooler reports it. `state` is one of "pending", "held", "processing", "stopped", "canceled",
 * "aborted", "completed" (the IPP job states; winspool's status bits are mapped onto them).
 */
struct JobStatus {
  int id = 0;
  std::string state;
  std::string message;
  std::vector<std::string> reasons;
};

/** Why a spooler call failed; becomes the `code` of the JavaScript error. */
enum class ErrorKind {
  kNotFound,     // no such printer or job
  kUnreachable,  // the spooler (cupsd, the Print Spooler service) could not be reached
  kRefused,      // the queue exists but does not accept jobs
  kFailed,       // anything else, with the spooler's own message
};

struct SpoolerError {
  ErrorKind kind = ErrorKind::kFailed;
  std::string message;
};

/** "cups" or "winspool". */
const char* BackendName();

/**
 * Why `name` cannot be a printer name on this platform, or nullptr when it can. Checked on the JavaScript thread
 * before any work is queued, so a bad name never reaches the spooler (nor a URL path, for CUPS).
 */
const char* InvalidPrinterNameReason(const std::string& name);

/** Chooses the CUPS scheduler ("host", "host:port" or a socket path); empty restores the default. No-op on Windows. */
void SetServer(const std::string& server);

bool ListPrinters(std::vector<PrinterInfo>* printers, SpoolerError* error);

/** Queues `length` bytes as one raw job (no filtering, no driver); on success `*job_id` is the spooler's id. */
bool SubmitRawJob(const std::string& printer, const std::string& title, const uint8_t* data, size_t length,
                  int* job_id, SpoolerError* error);

bool GetJobStatus(const std::string& printer, int job_id, JobStatus* status, SpoolerError* error);

}  // namespace raw_printer

#endif  // RAW_PRINTER_SPOOLER_H_
