#include "KnownKeys.h"

#include "ui/keys/BookmarksModel.h"
#include "ui/keys/KeyHistory.h"

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

const KnownKeys::Known* KnownKeys::find(const QByteArray& key20) const
{
    const auto it = m_known.constFind(key20);
    return it == m_known.cend() ? nullptr : &*it;
}
