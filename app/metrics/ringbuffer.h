#pragma once

#include <algorithm>
#include <cstddef>
#include <vector>

namespace edis::metrics {

/// A bounded FIFO that overwrites its oldest element once full. Storage grows with use up to the
/// capacity (a series that lived for a minute costs a minute), and never beyond it.
template <typename T>
class RingBuffer {
public:
    explicit RingBuffer(std::size_t capacity = 0)
        : capacity_(capacity)
    {
    }

    std::size_t capacity() const { return capacity_; }
    std::size_t size() const { return data_.size() < capacity_ ? data_.size() : capacity_; }
    bool empty() const { return data_.empty(); }
    bool full() const { return capacity_ > 0 && data_.size() == capacity_; }

    void push(const T &value)
    {
        if (capacity_ == 0) {
            return;
        }
        if (data_.size() < capacity_) {
            if (data_.size() == data_.capacity()) {
                // Grow geometrically but never past the bound, so a full buffer holds no slack.
                data_.reserve(std::min(capacity_, std::max<std::size_t>(64, data_.capacity() * 2)));
            }
            data_.push_back(value);
            return;
        }
        data_[head_] = value;
        head_ = (head_ + 1) % capacity_;
    }

    /// Element `i` counted from the oldest (0) to the newest (size() - 1).
    const T &at(std::size_t i) const { return data_[full() ? (head_ + i) % capacity_ : i]; }
    const T &back() const { return at(size() - 1); }
    const T &front() const { return at(0); }

    void clear()
    {
        data_.clear();
        data_.shrink_to_fit();
        head_ = 0;
    }

    /// Bytes held by the storage (allocated, not just used).
    std::size_t memoryBytes() const { return data_.capacity() * sizeof(T); }

private:
    std::size_t capacity_;
    std::size_t head_ = 0; ///< index of the oldest element once full
    std::vector<T> data_;
};

} // namespace edis::metrics
