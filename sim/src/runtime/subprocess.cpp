#include "subprocess.hpp"

#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <map>

namespace tilec::sim {

static pid_t spawn(const Command& c) {
  pid_t pid = fork();
  if (pid != 0) return pid;
  if (!c.cwd.empty() && chdir(c.cwd.c_str()) != 0) _exit(127);
  if (!c.logFile.empty()) {
    int fd = open(c.logFile.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (fd >= 0) {
      dup2(fd, 1);
      dup2(fd, 2);
      close(fd);
    }
  }
  std::vector<char*> argv;
  for (auto& a : c.argv) argv.push_back(const_cast<char*>(a.c_str()));
  argv.push_back(nullptr);
  execvp(argv[0], argv.data());
  _exit(127);
}

std::vector<int> runAll(const std::vector<Command>& commands, int jobs) {
  std::vector<int> status(commands.size(), -1);
  std::map<pid_t, size_t> running;
  size_t next = 0;
  while (next < commands.size() || !running.empty()) {
    while (next < commands.size() && int(running.size()) < jobs) {
      pid_t pid = spawn(commands[next]);
      if (pid < 0) {
        status[next++] = -1;
        continue;
      }
      running[pid] = next++;
    }
    int ws = 0;
    pid_t done = waitpid(-1, &ws, 0);
    if (done < 0) break;
    auto it = running.find(done);
    if (it == running.end()) continue;
    status[it->second] = WIFEXITED(ws) ? WEXITSTATUS(ws) : 128 + WTERMSIG(ws);
    running.erase(it);
  }
  return status;
}

}  // namespace tilec::sim
