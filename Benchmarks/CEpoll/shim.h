// Linux's epoll for ServeBench's receivers (Glibc's Swift module leaves it out).
#include <sys/epoll.h>
