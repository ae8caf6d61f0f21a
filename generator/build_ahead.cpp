#include "build_ahead.hpp"

#include <algorithm>
#include <optional>

namespace errspec {

BuildAhead::BuildAhead(std::size_t renders) : walks_(renders), unfinished_(renders) {}

BuildAhead::Render::Render(BuildAhead& owner, std::size_t render, const View& view) : walk_(owner.walks_.at(render)) {
    const std::lock_guard<std::mutex> lock(owner.mutex_);
    walk_.owner_ = &owner;
    walk_.view_ = &view;
    walk_.running_ = view.items != nullptr;  // a view without deferred items has nothing to build ahead
}

BuildAhead::Render::~Render() {
    BuildAhead& owner = *walk_.owner_;
    std::map<std::size_t, ViewJson> unused;
    {
        const std::lock_guard<std::mutex> lock(owner.mutex_);
        walk_.running_ = false;
        walk_.list_ = nullptr;
        unused.swap(walk_.ahead_);  // freed outside the lock
        --owner.unfinished_;
    }
    owner.changed_.notify_all();
}

ViewJson BuildAhead::Walk::item(const ViewJson& list, std::size_t index) {
    std::optional<ViewJson> built;
    std::map<std::size_t, ViewJson> passed;  // freed outside the lock
    bool wake = false;
    {
        const std::lock_guard<std::mutex> lock(owner_->mutex_);
        if (list_ != &list) {
            list_ = &list;
            ++generation_;
            built_to_ = 0;
            nested_ = false;
            passed.swap(ahead_);
        }
        next_ = index + 1;
        // Items the render went past (a template may walk a list inside a walk of it) are not
        // taken any more.
        auto found = ahead_.begin();
        while (found != ahead_.end() && found->first < index) passed.insert(ahead_.extract(found++));
        if (found != ahead_.end() && found->first == index) {
            built = std::move(found->second);
            ahead_.erase(found);
        }
        wake = owner_->waiting_helpers_ > 0 && ahead_.size() <= kWindow / 2 && built_to_ < list.size();
    }
    if (wake) owner_->changed_.notify_all();
    if (built) return std::move(*built);
    return view_->items->build(view_->json, list[index]);
}

void BuildAhead::Walk::entered_nested() {
    if (nested_) return;  // only the render writes it; helpers read it under the lock
    const std::lock_guard<std::mutex> lock(owner_->mutex_);
    nested_ = true;
}

void BuildAhead::help() {
    std::unique_lock<std::mutex> lock(mutex_);
    while (unfinished_ > 0) {
        // The first render with an item to build ahead within its window.
        Walk* walk = nullptr;
        std::size_t index = 0;
        for (Walk& candidate : walks_) {
            if (!candidate.running_ || candidate.list_ == nullptr) continue;
            // Not the item the render reaches next: it may be building that one already.
            const std::size_t from = std::max(candidate.next_ + 1, candidate.built_to_);
            if (from < candidate.list_->size() && from < candidate.next_ + kWindow) {
                walk = &candidate;
                index = from;
                break;
            }
        }
        if (walk == nullptr) {
            ++waiting_helpers_;
            changed_.wait(lock);
            --waiting_helpers_;
            continue;
        }
        walk->built_to_ = index + 1;
        const std::size_t generation = walk->generation_;
        const ViewJson& marker = (*walk->list_)[index];
        const bool nested = walk->nested_;
        const View& view = *walk->view_;
        lock.unlock();
        std::optional<ViewJson> built;
        if (DeferredItems::is_marker(marker)) {
            try {
                built = view.items->build(view.json, marker);
                if (nested) view.items->materialize_inside(view.json, *built);
            } catch (...) {
                built.reset();  // the render builds it itself, and meets the failure there
            }
        }
        lock.lock();
        // Kept while the render has not reached it in this list: else the render built it itself.
        if (built && walk->running_ && walk->generation_ == generation && index >= walk->next_) {
            walk->ahead_.emplace(index, std::move(*built));
        } else if (built) {
            lock.unlock();
            built.reset();
            lock.lock();
        }
    }
}

}  // namespace errspec
