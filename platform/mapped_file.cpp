#include "platform/mapped_file.hpp"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <stdexcept>

namespace platform {

MappedFile::MappedFile(const std::string& path) {
    const int fd = open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) throw std::runtime_error("cannot open " + path);
    struct stat st {};
    if (fstat(fd, &st) != 0 || st.st_size <= 0) {
        close(fd);
        throw std::runtime_error("cannot read " + path);
    }
    m_size = static_cast<std::size_t>(st.st_size);
    m_data = mmap(nullptr, m_size, PROT_READ, MAP_PRIVATE, fd, 0);
    close(fd);
    if (m_data == MAP_FAILED) {
        m_data = nullptr;
        throw std::runtime_error("cannot map " + path);
    }
}

void MappedFile::dropResidentPages() const {
    if (m_data) madvise(m_data, m_size, MADV_DONTNEED);
}

MappedFile::~MappedFile() {
    if (m_data) munmap(m_data, m_size);
}

}  // namespace platform
