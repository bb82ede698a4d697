#pragma once
// A read-only memory map of a file: large fonts are shared with the page cache and only the
// pages actually read count towards the process's memory.
#include <cstddef>
#include <string>

namespace platform {

class MappedFile {
public:
    /// Maps path read-only; throws std::runtime_error if it cannot be opened or mapped.
    explicit MappedFile(const std::string& path);
    ~MappedFile();
    MappedFile(const MappedFile&) = delete;
    MappedFile& operator=(const MappedFile&) = delete;
    /// Start of the mapping.
    const void* data() const { return m_data; }
    /// Lets the kernel drop the pages read so far (they are read again when next touched), so
    /// a file used only now and then does not stay in the process's resident memory.
    void dropResidentPages() const;
    /// Length in bytes.
    std::size_t size() const { return m_size; }

private:
    void* m_data = nullptr;
    std::size_t m_size = 0;
};

}  // namespace platform
