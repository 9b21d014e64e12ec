#include "KnownKeys.h"

#include "ui/keys/BookmarksModel.h"
#include "ui/keys/KeyHistory.h"

#include <algorithm>
#include <vector>

void KnownKeys::addHistory(const KeyHistory& history)
{
    for (const KeyHistory::Entry& e : history.entries())
        add(KnownKeys::Key::parse(e.input, e.mode), e.input);
}

void KnownKeys::addBookmarks(const BookmarksModel& bookmarks)
{
    // After the history: a name the user gave says more than the key as typed.
    for (int row = 0; row < bookmarks.count(); ++row) {
        const BookmarksModel::Bookmark& b = bookmarks.at(row);
        add(bookmarks.keyAt(row),
            b.name == b.input ? b.input : b.name + QStringLiteral(" (") + b.input + u')');
    }
}

void KnownKeys::add(const KnownKeys::Key& key, const QString& text)
{
    if (key.isValid())
        m_known.insert(key.infoHash(), {text, key});
}

void KnownKeys::addGatewayOwn(const Key& key)
{
    if (key.isValid())
        m_known.insert(key.infoHash(), {key.input(), key, -1, true});
}

void KnownKeys::rankTexts()
{
    std::vector<Known*> all;
    all.reserve(size_t(m_known.size()));
    for (Known& k : m_known)
        all.push_back(&k);
    const auto before = [](const Known* a, const Known* b) {
        return a->gatewayOwn != b->gatewayOwn ? b->gatewayOwn : a->text < b->text;
    };
    std::sort(all.begin(), all.end(), before);
    int rank = -1;
    for (size_t i = 0; i < all.size(); ++i) {
        if (i == 0 || before(all[i - 1], all[i]))
            ++rank;
        all[i]->rank = rank;
    }
}

const KnownKeys::Known* KnownKeys::find(const QByteArray& key20) const
{
    const auto it = m_known.constFind(key20);
    return it == m_known.cend() ? nullptr : &*it;
}
