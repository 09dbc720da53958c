// Source files, locations and located compile errors.
//
// Every error the compiler reports about its input is a CompileError carrying a SourceLoc; the
// driver renders it as `FILE:LINE:COL: error: message`, the source line, and a caret.
#pragma once

#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace tilec {

// A file's text with its line starts, so any offset maps to a line and column.
class SourceFile {
public:
  SourceFile(std::string path, std::string text);
  const std::string &path() const { return path_; }
  const std::string &text() const { return text_; }
  // The text of 1-based line `line`, without its newline ("" when out of range).
  std::string_view lineText(int line) const;
  int lineCount() const { return static_cast<int>(lineStarts_.size()); }

private:
  std::string path_;
  std::string text_;
  std::vector<size_t> lineStarts_;
};

// Owns every SourceFile read during a compilation; pointers stay valid while it lives.
class SourceManager {
public:
  // Reads a file from disk; throws CompileError (with no location) when it cannot be read.
  const SourceFile &load(const std::string &path);
  // Registers in-memory text (used for --call expressions and tests).
  const SourceFile &addBuffer(std::string name, std::string text);

private:
  std::vector<std::unique_ptr<SourceFile>> files_;
};

// A 1-based line and column in a file. `file == nullptr` means "no location".
struct SourceLoc {
  const SourceFile *file = nullptr;
  int line = 0;
  int col = 0;
  bool valid() const { return file != nullptr && line > 0; }
};

// `FILE:LINE:COL: <severity>: message`, then the source line and a caret under the column.
std::string renderDiagnostic(const SourceLoc &loc, std::string_view severity,
                             std::string_view message);

// An error in the user's input. Thrown by any layer, caught and rendered by the driver.
class CompileError : public std::runtime_error {
public:
  CompileError(SourceLoc loc, std::string message)
      : std::runtime_error(message), loc_(loc), message_(std::move(message)) {}
  const SourceLoc &loc() const { return loc_; }
  const std::string &message() const { return message_; }
  std::string render() const { return renderDiagnostic(loc_, "error", message_); }

private:
  SourceLoc loc_;
  std::string message_;
};

[[noreturn]] inline void fail(SourceLoc loc, std::string message) {
  throw CompileError(loc, std::move(message));
}

} // namespace tilec
