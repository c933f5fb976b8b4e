// The spooler on Windows: winspool, with the "RAW" datatype so the Print Spooler hands the bytes to the port
// unchanged (no driver rendering). Compiled only on Windows (see binding.gyp); it cannot be built or tested on the
// Linux machines that run Dockside's CI, so it is kept to the documented calls and nothing clever.
//
// Strings cross this file as UTF-8 and are converted to UTF-16 for the W functions.
#ifndef NOMINMAX
#define NOMINMAX
#endif
#include <windows.h>
#include <winspool.h>

#include <algorithm>
#include <string>
#include <vector>

#include "spooler.h"

namespace raw_printer {
namespace {

// WritePrinter is called in chunks so a large job never needs one huge write.
constexpr DWORD kWriteChunk = 64 * 1024;

std::wstring Widen(const std::string& text) {
  if (text.empty()) return std::wstring();
  const int size = MultiByteToWideChar(CP_UTF8, 0, text.data(), static_cast<int>(text.size()), nullptr, 0);
  std::wstring wide(static_cast<size_t>(size), L'\0');
  MultiByteToWideChar(CP_UTF8, 0, text.data(), static_cast<int>(text.size()), &wide[0], size);
  return wide;
}

std::string Narrow(const wchar_t* text) {
  if (text == nullptr || text[0] == L'\0') return std::string();
  const int size = WideCharToMultiByte(CP_UTF8, 0, text, -1, nullptr, 0, nullptr, nullptr);
  std::string narrow(static_cast<size_t>(size), '\0');
  WideCharToMultiByte(CP_UTF8, 0, text, -1, &narrow[0], size, nullptr, nullptr);
  narrow.resize(static_cast<size_t>(size) - 1);  // drop the terminating NUL that -1 included
  return narrow;
}

std::string SystemMessage(DWORD code) {
  wchar_t* buffer = nullptr;
  const DWORD length = FormatMessageW(
      FORMAT_MESSAGE_ALLOCATE_BUFFER | FORMAT_MESSAGE_FROM_SYSTEM | FORMAT_MESSAGE_IGNORE_INSERTS, nullptr, code, 0,
      reinterpret_cast<wchar_t*>(&buffer), 0, nullptr);
  std::string message = length > 0 ? Narrow(buffer) : "Windows error " + std::to_string(code);
  if (buffer != nullptr) LocalFree(buffer);
  while (!message.empty() && (message.back() == '\n' || message.back() == '\r' || message.back() == '.')) {
    message.pop_back();
  }
  return message;
}

void FailFromLastError(const std::string& context, SpoolerError* error) {
  const DWORD code = GetLastError();
  switch (code) {
    case ERROR_INVALID_PRINTER_NAME:
    case ERROR_INVALID_PARAMETER:  // GetJob's answer for a job id the queue does not hold
      error->kind = ErrorKind::kNotFound;
      break;
    case RPC_S_SERVER_UNAVAILABLE:
    case ERROR_SERVICE_NOT_ACTIVE:
      error->kind = ErrorKind::kUnreachable;
      break;
    case ERROR_PRINTER_DELETED:
    case ERROR_PRINTQ_FULL:
      error->kind = ErrorKind::kRefused;
      break;
    default:
      error->kind = ErrorKind::kFailed;
  }
  error->message = context + ": " + SystemMessage(code);
}

/** An open printer handle, closed when the calling function returns. */
class PrinterHandle {
 public:
  PrinterHandle(const std::string& name, SpoolerError* error) {
    std::wstring wide = Widen(name);
    if (!OpenPrinterW(&wide[0], &handle_, nullptr)) {
      handle_ = nullptr;
      FailFromLastError("cannot open printer \"" + name + "\"", error);
    }
  }
  ~PrinterHandle() {
    if (handle_ != nullptr) ClosePrinter(handle_);
  }
  PrinterHandle(const PrinterHandle&) = delete;
  PrinterHandle& operator=(const PrinterHandle&) = delete;
  HANDLE get() const { return handle_; }

 private:
  HANDLE handle_ = nullptr;
};

struct StatusBit {
  DWORD bit;
  const char* reason;
};

// PRINTER_STATUS_* bits that stop a queue, with the IPP printer-state-reasons keyword closest to each.
const StatusBit kStoppingBits[] = {
    {PRINTER_STATUS_PAUSED, "paused"},
    {PRINTER_STATUS_ERROR, "other-error"},
    {PRINTER_STATUS_OFFLINE, "offline-report"},
    {PRINTER_STATUS_PAPER_OUT, "media-empty"},
    {PRINTER_STATUS_PAPER_JAM, "media-jam"},
    {PRINTER_STATUS_PAPER_PROBLEM, "media-needed"},
    {PRINTER_STATUS_DOOR_OPEN, "door-open"},
    {PRINTER_STATUS_NO_TONER, "marker-supply-empty"},
    {PRINTER_STATUS_USER_INTERVENTION, "other-warning"},
    {PRINTER_STATUS_NOT_AVAILABLE, "offline-report"},
    {PRINTER_STATUS_SERVER_UNKNOWN, "offline-report"},
};

void DescribePrinter(const PRINTER_INFO_2W& raw, PrinterInfo* info) {
  info->name = Narrow(raw.pPrinterName);
  bool stopped = (raw.Attributes & PRINTER_ATTRIBUTE_WORK_OFFLINE) != 0;
  if (stopped) info->reasons.emplace_back("offline-report");
  for (const StatusBit& entry : kStoppingBits) {
    if ((raw.Status & entry.bit) != 0) {
      stopped = true;
      if (std::find(info->reasons.begin(), info->reasons.end(), entry.reason) == info->reasons.end()) {
        info->reasons.emplace_back(entry.reason);
      }
    }
  }
  const bool busy = (raw.Status & (PRINTER_STATUS_PRINTING | PRINTER_STATUS_PROCESSING | PRINTER_STATUS_BUSY)) != 0;
  info->state = stopped ? "stopped" : busy ? "processing" : "idle";
  // winspool has no "reject jobs" switch like CUPS; a queue being deleted is the one that takes no more.
  info->accepting = (raw.Status & PRINTER_STATUS_PENDING_DELETION) == 0;
}

const char* JobStateName(DWORD status) {
  if ((status & (JOB_STATUS_DELETED | JOB_STATUS_DELETING)) != 0) return "canceled";
  if ((status & (JOB_STATUS_PRINTED | JOB_STATUS_COMPLETE)) != 0) return "completed";
  // An error on Windows leaves the job in the queue to be retried: stopped, not aborted.
  if ((status & (JOB_STATUS_ERROR | JOB_STATUS_OFFLINE | JOB_STATUS_PAPEROUT | JOB_STATUS_BLOCKED_DEVQ |
                 JOB_STATUS_USER_INTERVENTION)) != 0) {
    return "stopped";
  }
  if ((status & JOB_STATUS_PAUSED) != 0) return "held";
  if ((status & (JOB_STATUS_PRINTING | JOB_STATUS_SPOOLING)) != 0) return "processing";
  return "pending";
}

}  // namespace

const char* BackendName() { return "winspool"; }

const char* InvalidPrinterNameReason(const std::string& name) {
  // Windows allows spaces and backslashes (\\server\share); it does not allow names beyond MAX_PATH.
  if (name.size() > 259) return "is longer than 259 bytes";
  for (unsigned char c : name) {
    if (c < 0x20 || c == 0x7f) return "contains a control character";
  }
  return nullptr;
}

void SetServer(const std::string&) {}

bool ListPrinters(std::vector<PrinterInfo>* printers, SpoolerError* error) {
  const DWORD flags = PRINTER_ENUM_LOCAL | PRINTER_ENUM_CONNECTIONS;
  DWORD needed = 0;
  DWORD count = 0;
  EnumPrintersW(flags, nullptr, 2, nullptr, 0, &needed, &count);
  std::vector<BYTE> buffer(needed > 0 ? needed : 1);
  if (!EnumPrintersW(flags, nullptr, 2, buffer.data(), static_cast<DWORD>(buffer.size()), &needed, &count)) {
    FailFromLastError("cannot list the Windows printers", error);
    return false;
  }
  std::wstring default_name;
  DWORD default_size = 0;
  GetDefaultPrinterW(nullptr, &default_size);
  if (default_size > 0) {
    default_name.resize(default_size);
    if (GetDefaultPrinterW(&default_name[0], &default_size)) {
      default_name.resize(default_size > 0 ? default_size - 1 : 0);
    } else {
      default_name.clear();
    }
  }
  const auto* raw = reinterpret_cast<const PRINTER_INFO_2W*>(buffer.data());
  for (DWORD i = 0; i < count; i++) {
    PrinterInfo info;
    DescribePrinter(raw[i], &info);
    info.is_default = !default_name.empty() && raw[i].pPrinterName != nullptr && default_name == raw[i].pPrinterName;
    printers->push_back(info);
  }
  return true;
}

bool SubmitRawJob(const std::string& printer, const std::string& title, const uint8_t* data, size_t length,
                  int* job_id, SpoolerError* error) {
  PrinterHandle handle(printer, error);
  if (handle.get() == nullptr) return false;

  std::wstring doc_name = Widen(title);
  wchar_t datatype[] = L"RAW";
  DOC_INFO_1W doc = {};
  doc.pDocName = &doc_name[0];
  doc.pOutputFile = nullptr;
  doc.pDatatype = datatype;
  const DWORD id = StartDocPrinterW(handle.get(), 1, reinterpret_cast<LPBYTE>(&doc));
  if (id == 0) {
    FailFromLastError("the Windows spooler refused a job for printer \"" + printer + "\"", error);
    return false;
  }
  const std::string where = "job " + std::to_string(id) + " on printer \"" + printer + "\"";
  if (!StartPagePrinter(handle.get())) {
    FailFromLastError("cannot start " + where, error);
    AbortPrinter(handle.get());
    return false;
  }
  size_t offset = 0;
  while (offset < length) {
    const DWORD chunk = static_cast<DWORD>(std::min<size_t>(kWriteChunk, length - offset));
    DWORD written = 0;
    if (!WritePrinter(handle.get(), const_cast<uint8_t*>(data + offset), chunk, &written) || written == 0) {
      FailFromLastError("cannot send the bytes of " + where + " (" + std::to_string(offset) + " of " +
                            std::to_string(length) + " sent)",
                        error);
      // AbortPrinter deletes the spool file, so no half job waits in the queue.
      AbortPrinter(handle.get());
      return false;
    }
    offset += written;
  }
  if (!EndPagePrinter(handle.get()) || !EndDocPrinter(handle.get())) {
    FailFromLastError("the Windows spooler did not accept " + where, error);
    AbortPrinter(handle.get());
    return false;
  }
  *job_id = static_cast<int>(id);
  return true;
}

bool GetJobStatus(const std::string& printer, int job_id, JobStatus* status, SpoolerError* error) {
  PrinterHandle handle(printer, error);
  if (handle.get() == nullptr) return false;
  DWORD needed = 0;
  GetJobW(handle.get(), static_cast<DWORD>(job_id), 1, nullptr, 0, &needed);
  status->id = job_id;
  if (needed == 0) {
    if (GetLastError() == ERROR_INVALID_PARAMETER) {
      // Windows removes a job once it has printed unless the queue keeps printed documents: a job that has left
      // the queue is reported completed, with a reason saying that this is an inference.
      status->state = "completed";
      status->reasons.emplace_back("job-no-longer-in-queue");
      return true;
    }
    FailFromLastError("cannot read the state of job " + std::to_string(job_id) + " on printer \"" + printer + "\"",
                      error);
    return false;
  }
  std::vector<BYTE> buffer(needed);
  if (!GetJobW(handle.get(), static_cast<DWORD>(job_id), 1, buffer.data(), needed, &needed)) {
    FailFromLastError("cannot read the state of job " + std::to_string(job_id) + " on printer \"" + printer + "\"",
                      error);
    return false;
  }
  const auto* info = reinterpret_cast<const JOB_INFO_1W*>(buffer.data());
  status->state = JobStateName(info->Status);
  status->message = Narrow(info->pStatus);
  return true;
}

}  // namespace raw_printer
