// Deferred items (deferred.hpp) built ahead of a render by a thread whose own targets are rendered
// already. On two cores the docs page of 10 000 codes went on rendering alone for a third of a
// run once the C++ files were done; now the thread that rendered those builds the page's next
// entries meanwhile, and the page's render takes each as it reaches it. An item built ahead is
// the one the render would build (the same builder on the same view), so the output is the same
// whoever builds it.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <map>
#include <mutex>

#include "view.hpp"

namespace errspec {

class BuildAhead {
public:
    // One render's way through the lists of its view.
    class Walk {
    public:
        // The item that the marker `list[index]` stands for, `list` being a list of the view itself
        // (not one inside another deferred item): the one built ahead if there is one, else built
        // now. A render reaching an item tells where to build next.
        ViewJson item(const ViewJson& list, std::size_t index);
        // The render built an item inside an item of the list it walks (a docs entry's examples):
        // items built ahead in this list from then on are built with the items inside them.
        void entered_nested();

    private:
        friend class BuildAhead;
        BuildAhead* owner_ = nullptr;
        const View* view_ = nullptr;
        bool running_ = false;
        // The list the render walks, and what is known of it (all under the owner's mutex).
        const ViewJson* list_ = nullptr;
        std::size_t generation_ = 0;  // which list: counts the lists walked
        std::size_t next_ = 0;        // the index after the one the render reached last
        std::size_t built_to_ = 0;    // the index after the last one a helper started to build
        bool nested_ = false;
        std::map<std::size_t, ViewJson> ahead_;  // built and not reached yet, by index
    };

    // A render of one of `renders` targets, from its start until it is destroyed.
    class Render {
    public:
        Render(BuildAhead& owner, std::size_t render, const View& view);
        ~Render();
        Render(const Render&) = delete;
        Render& operator=(const Render&) = delete;
        Walk& walk() { return walk_; }

    private:
        Walk& walk_;
    };

    explicit BuildAhead(std::size_t renders);

    // Builds items ahead of the renders still running until none is: what a thread does that has
    // no render left to start.
    void help();

private:
    // How many items may wait built ahead of one render (a docs entry is a few kilobytes), and
    // how few before a waiting helper builds on: helpers wake once per half a window, not per item.
    static constexpr std::size_t kWindow = 64;

    std::mutex mutex_;
    std::condition_variable changed_;
    std::deque<Walk> walks_;  // by render; a deque: a walk stays where it is
    std::size_t unfinished_;  // renders not finished, started or not
    std::size_t waiting_helpers_ = 0;
};

}  // namespace errspec
