// N-API glue: validates arguments on the JavaScript thread, then runs the spooler call as async work on a libuv
// worker thread and settles a promise. A spooler can be a network service (a remote cupsd, a Windows print
// server), so no call here may ever block the event loop.
#include <napi.h>

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "spooler.h"

namespace raw_printer {
namespace {

// The largest job accepted: far above any label (a 4x6 in raster at 600 dpi is under 2 MB) and small enough that
// copying it off the JavaScript heap is harmless.
constexpr size_t kMaxJobBytes = 64 * 1024 * 1024;
constexpr size_t kMaxTitleBytes = 255;
constexpr size_t kMaxServerBytes = 255;

// --- errors -------------------------------------------------------------------------------------------------

Napi::Error WithCode(Napi::Error error, const char* code) {
  error.Set("code", Napi::String::New(error.Env(), code));
  return error;
}

/** Throws a TypeError naming the argument; returns undefined for the caller to return. */
Napi::Value ThrowType(Napi::Env env, const std::string& message) {
  WithCode(Napi::TypeError::New(env, message), "ERR_INVALID_ARG_TYPE").ThrowAsJavaScriptException();
  return env.Undefined();
}

Napi::Value ThrowRange(Napi::Env env, const std::string& message) {
  WithCode(Napi::RangeError::New(env, message), "ERR_INVALID_ARG_VALUE").ThrowAsJavaScriptException();
  return env.Undefined();
}

const char* CodeFor(ErrorKind kind) {
  switch (kind) {
    case ErrorKind::kNotFound:
      return "ERR_RAW_PRINTER_NOT_FOUND";
    case ErrorKind::kUnreachable:
      return "ERR_RAW_PRINTER_UNREACHABLE";
    case ErrorKind::kRefused:
      return "ERR_RAW_PRINTER_REFUSED";
    default:
      return "ERR_RAW_PRINTER_FAILED";
  }
}

bool HasControlCharacter(const std::string& text) {
  for (unsigned char c : text) {
    if (c < 0x20 || c == 0x7f) return true;
  }
  return false;
}

// --- argument checks (each returns false after throwing) ----------------------------------------------------

bool ReadPrinterName(const Napi::CallbackInfo& info, size_t index, std::string* name) {
  Napi::Env env = info.Env();
  if (info.Length() <= index || !info[index].IsString()) {
    ThrowType(env, "printer must be a string (the queue name)");
    return false;
  }
  *name = info[index].As<Napi::String>().Utf8Value();
  if (name->empty()) {
    ThrowRange(env, "printer must not be empty");
    return false;
  }
  if (const char* reason = InvalidPrinterNameReason(*name)) {
    ThrowRange(env, "printer \"" + *name + "\" " + reason);
    return false;
  }
  return true;
}

bool ReadJobId(const Napi::CallbackInfo& info, size_t index, int* job_id) {
  Napi::Env env = info.Env();
  if (info.Length() <= index || !info[index].IsNumber()) {
    ThrowType(env, "jobId must be a number");
    return false;
  }
  const double value = info[index].As<Napi::Number>().DoubleValue();
  if (!(value >= 1 && value <= 2147483647.0) || value != static_cast<double>(static_cast<int64_t>(value))) {
    ThrowRange(env, "jobId must be a whole number from 1 to 2147483647");
    return false;
  }
  *job_id = static_cast<int>(value);
  return true;
}

// --- async work ---------------------------------------------------------------------------------------------

/** Runs `Run` on a worker thread and settles a promise on the JavaScript thread with `Result` or the error. */
class SpoolerWork : public Napi::AsyncWorker {
 public:
  explicit SpoolerWork(Napi::Env env)
      : Napi::AsyncWorker(env, "raw-printer"), deferred_(Napi::Promise::Deferred::New(env)) {}
  Napi::Promise Promise() const { return deferred_.Promise(); }

 protected:
  virtual bool Run(SpoolerError* error) = 0;
  virtual Napi::Value Result(Napi::Env env) = 0;

 private:
  // Failures are carried in error_ rather than SetError, whose errors cannot have a `code`.
  void Execute() override { ok_ = Run(&error_); }
  void OnOK() override {
    Napi::Env env = Env();
    Napi::HandleScope scope(env);
    if (ok_) {
      deferred_.Resolve(Result(env));
    } else {
      deferred_.Reject(WithCode(Napi::Error::New(env, error_.message), CodeFor(error_.kind)).Value());
    }
  }

  Napi::Promise::Deferred deferred_;
  SpoolerError error_;
  bool ok_ = false;
};

Napi::Array ToArray(Napi::Env env, const std::vector<std::string>& values) {
  Napi::Array array = Napi::Array::New(env, values.size());
  for (size_t i = 0; i < values.size(); i++) array.Set(static_cast<uint32_t>(i), values[i]);
  return array;
}

class ListWork : public SpoolerWork {
 public:
  using SpoolerWork::SpoolerWork;

 protected:
  bool Run(SpoolerError* error) override { return ListPrinters(&printers_, error); }
  Napi::Value Result(Napi::Env env) override {
    Napi::Array list = Napi::Array::New(env, printers_.size());
    for (size_t i = 0; i < printers_.size(); i++) {
      const PrinterInfo& printer = printers_[i];
      Napi::Object item = Napi::Object::New(env);
      item.Set("name", printer.name);
      item.Set("isDefault", printer.is_default);
      item.Set("state", printer.state);
      item.Set("accepting", printer.accepting);
      item.Set("message", printer.message);
      item.Set("reasons", ToArray(env, printer.reasons));
      list.Set(static_cast<uint32_t>(i), item);
    }
    return list;
  }

 private:
  std::vector<PrinterInfo> printers_;
};

class SubmitWork : public SpoolerWork {
 public:
  SubmitWork(Napi::Env env, std::string printer, std::string title, std::vector<uint8_t> bytes)
      : SpoolerWork(env), printer_(std::move(printer)), title_(std::move(title)), bytes_(std::move(bytes)) {}

 protected:
  bool Run(SpoolerError* error) override {
    return SubmitRawJob(printer_, title_, bytes_.data(), bytes_.size(), &job_id_, error);
  }
  Napi::Value Result(Napi::Env env) override { return Napi::Number::New(env, job_id_); }

 private:
  std::string printer_;
  std::string title_;
  std::vector<uint8_t> bytes_;  // a copy: JavaScript may reuse its buffer while the worker sends
  int job_id_ = 0;
};

class JobStateWork : public SpoolerWork {
 public:
  JobStateWork(Napi::Env env, std::string printer, int job_id)
      : SpoolerWork(env), printer_(std::move(printer)), job_id_(job_id) {}

 protected:
  bool Run(SpoolerError* error) override { return GetJobStatus(printer_, job_id_, &status_, error); }
  Napi::Value Result(Napi::Env env) override {
    Napi::Object result = Napi::Object::New(env);
    result.Set("id", status_.id);
    result.Set("state", status_.state);
    result.Set("message", status_.message);
    result.Set("reasons", ToArray(env, status_.reasons));
    return result;
  }

 private:
  std::string printer_;
  int job_id_;
  JobStatus status_;
};

// --- exported functions -------------------------------------------------------------------------------------

/** listPrinters(): Promise<PrinterInfo[]> */
Napi::Value ListPrintersJs(const Napi::CallbackInfo& info) {
  auto* work = new ListWork(info.Env());
  Napi::Promise promise = work->Promise();
  work->Queue();
  return promise;
}

/** submitRawJob(printer, title, bytes): Promise<number> */
Napi::Value SubmitRawJobJs(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  std::string printer;
  if (!ReadPrinterName(info, 0, &printer)) return env.Undefined();
  if (info.Length() <= 1 || !info[1].IsString()) return ThrowType(env, "title must be a string");
  std::string title = info[1].As<Napi::String>().Utf8Value();
  if (title.empty() || title.size() > kMaxTitleBytes) {
    return ThrowRange(env, "title must be 1 to " + std::to_string(kMaxTitleBytes) + " bytes of UTF-8");
  }
  if (HasControlCharacter(title)) return ThrowRange(env, "title must not contain control characters");
  if (info.Length() <= 2 || !info[2].IsTypedArray() ||
      info[2].As<Napi::TypedArray>().TypedArrayType() != napi_uint8_array) {
    return ThrowType(env, "bytes must be a Uint8Array or Buffer");
  }
  Napi::Uint8Array bytes = info[2].As<Napi::Uint8Array>();
  if (bytes.ByteLength() == 0) return ThrowRange(env, "bytes must not be empty");
  if (bytes.ByteLength() > kMaxJobBytes) {
    return ThrowRange(env, "bytes must be at most " + std::to_string(kMaxJobBytes) + " bytes, got " +
                               std::to_string(bytes.ByteLength()));
  }
  std::vector<uint8_t> copy(bytes.Data(), bytes.Data() + bytes.ByteLength());
  auto* work = new SubmitWork(env, std::move(printer), std::move(title), std::move(copy));
  Napi::Promise promise = work->Promise();
  work->Queue();
  return promise;
}

/** getJobState(printer, jobId): Promise<JobStatus> */
Napi::Value GetJobStateJs(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  std::string printer;
  int job_id = 0;
  if (!ReadPrinterName(info, 0, &printer) || !ReadJobId(info, 1, &job_id)) return env.Undefined();
  auto* work = new JobStateWork(env, std::move(printer), job_id);
  Napi::Promise promise = work->Promise();
  work->Queue();
  return promise;
}

/** setServer(server: string | null): undefined. Only CUPS uses it. */
Napi::Value SetServerJs(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  if (info.Length() == 0 || info[0].IsNull() || info[0].IsUndefined()) {
    SetServer(std::string());
    return env.Undefined();
  }
  if (!info[0].IsString()) return ThrowType(env, "server must be a string (host, host:port or socket path) or null");
  const std::string server = info[0].As<Napi::String>().Utf8Value();
  if (server.empty() || server.size() > kMaxServerBytes) {
    return ThrowRange(env, "server must be 1 to " + std::to_string(kMaxServerBytes) + " bytes");
  }
  for (unsigned char c : server) {
    if (c <= 0x20 || c == 0x7f) return ThrowRange(env, "server must not contain spaces or control characters");
  }
  SetServer(server);
  return env.Undefined();
}

Napi::Object Init(Napi::Env env, Napi::Object exports) {
  exports.Set("backend", Napi::String::New(env, BackendName()));
  exports.Set("listPrinters", Napi::Function::New(env, ListPrintersJs, "listPrinters"));
  exports.Set("submitRawJob", Napi::Function::New(env, SubmitRawJobJs, "submitRawJob"));
  exports.Set("getJobState", Napi::Function::New(env, GetJobStateJs, "getJobState"));
  exports.Set("setServer", Napi::Function::New(env, SetServerJs, "setServer"));
  return exports;
}

}  // namespace
}  // namespace raw_printer

// NODE_API_MODULE pastes the name into an identifier, so it needs an unqualified one.
static Napi::Object InitRawPrinter(Napi::Env env, Napi::Object exports) { return raw_printer::Init(env, exports); }

NODE_API_MODULE(raw_printer, InitRawPrinter)
