// The JSON type of the view model (view.hpp), shared by the stages that build, extend and render it.
#pragma once

#include <nlohmann/json.hpp>

#include <functional>
#include <iterator>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace errspec {

// A member's name, each name stored once for the whole program: the view's objects repeat a few
// hundred names (every error has its `title`, its `has_fix`, ...), and a string per member cost
// a third of a large view's memory. Compares equal to a string of the same characters.
class MemberName {
public:
    MemberName(std::string_view name) : name_(&intern(name)) {}
    MemberName(const std::string& name) : MemberName(std::string_view(name)) {}
    MemberName(const char* name) : MemberName(std::string_view(name)) {}

    operator const std::string&() const { return *name_; }
    const std::string& str() const { return *name_; }

    // The name's one stored copy, which stands for it: names compare by it.
    const std::string* id() const { return name_; }
    // The id of `name` when some member has had that name; null when none has (nothing is stored).
    static const std::string* existing(std::string_view name);

    friend bool operator==(const MemberName& a, const MemberName& b) { return a.name_ == b.name_; }
    friend bool operator!=(const MemberName& a, const MemberName& b) { return a.name_ != b.name_; }
    friend bool operator<(const MemberName& a, const MemberName& b) { return *a.name_ < *b.name_; }
    template <class Text, class = std::enable_if_t<!std::is_same<std::decay_t<Text>, MemberName>::value>>
    friend bool operator==(const MemberName& a, const Text& b) {
        return *a.name_ == b;
    }

private:
    // The one stored copy of `name`, made on first use (by any thread).
    static const std::string& intern(std::string_view name);
    static const std::string* find(std::string_view name, bool store);
    static const std::string* find_shared(std::string_view name, bool store);

    const std::string* name_;
};

// A JSON object's members in one vector, in the order they were added, found by comparing keys:
// a view object has a few dozen members, and a map per object (nlohmann::json's std::map) cost
// most of a large view's memory and time, in nodes and allocations. nlohmann's own ordered_map
// keeps its keys const, so every time its vector grew it copied each member, nested lists and
// all; here a key can move. The render context finds names by hints (render.cpp), and
// `errspec model` prints the members sorted (model_json in view.hpp).
template <class Key, class T, class IgnoredLess = std::less<Key>, class Allocator = void>
struct MemberList : std::vector<std::pair<MemberName, T>> {
    using key_type = Key;
    using mapped_type = T;
    using Container = std::vector<std::pair<MemberName, T>>;
    using iterator = typename Container::iterator;
    using const_iterator = typename Container::const_iterator;
    using size_type = typename Container::size_type;
    using value_type = typename Container::value_type;
    using key_compare = std::equal_to<>;

    MemberList() = default;
    template <class It>
    MemberList(It first, It last) {
        insert(first, last);
    }
    MemberList(std::initializer_list<value_type> init) : MemberList(init.begin(), init.end()) {}

    template <class K>
    iterator find(const K& key) {
        for (auto it = this->begin(); it != this->end(); ++it) {
            if (it->first == key) return it;
        }
        return this->end();
    }
    template <class K>
    const_iterator find(const K& key) const {
        for (auto it = this->begin(); it != this->end(); ++it) {
            if (it->first == key) return it;
        }
        return this->end();
    }
    template <class K>
    size_type count(const K& key) const {
        return find(key) == this->end() ? 0 : 1;
    }

    template <class K>
    std::pair<iterator, bool> emplace(K&& key, T&& value) {
        // The name first, so that finding it compares addresses: an object built member by member
        // compared each new name's text with every member before it.
        const MemberName name(std::forward<K>(key));
        const auto found = find(name);
        if (found != this->end()) return {found, false};
        Container::emplace_back(name, std::move(value));
        return {std::prev(this->end()), true};
    }
    template <class K>
    T& operator[](K&& key) {
        return emplace(std::forward<K>(key), T{}).first->second;
    }
    template <class K>
    const T& operator[](const K& key) const {
        return at(key);
    }
    template <class K>
    T& at(const K& key) {
        const auto found = find(key);
        if (found == this->end()) throw std::out_of_range("key not found");
        return found->second;
    }
    template <class K>
    const T& at(const K& key) const {
        const auto found = find(key);
        if (found == this->end()) throw std::out_of_range("key not found");
        return found->second;
    }

    iterator erase(iterator first, iterator last) { return Container::erase(first, last); }
    iterator erase(iterator position) { return Container::erase(position); }
    template <class K, class = std::enable_if_t<!std::is_convertible<const K&, const_iterator>::value>>
    size_type erase(const K& key) {
        const auto found = find(key);
        if (found == this->end()) return 0;
        Container::erase(found);
        return 1;
    }

    std::pair<iterator, bool> insert(value_type&& value) { return emplace(std::move(value.first), std::move(value.second)); }
    std::pair<iterator, bool> insert(const value_type& value) {
        const auto found = find(value.first);
        if (found != this->end()) return {found, false};
        Container::push_back(value);
        return {std::prev(this->end()), true};
    }
    template <class It, class = typename std::iterator_traits<It>::iterator_category>
    void insert(It first, It last) {
        for (auto it = first; it != last; ++it) insert(*it);
    }
};

using ViewJson = nlohmann::basic_json<MemberList>;

}  // namespace errspec
