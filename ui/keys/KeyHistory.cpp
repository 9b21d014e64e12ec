#include "KeyHistory.h"

#include "KeyCodec.h"
#include "KeyHistoryModel.h"

#include "ui/common/BrowserSettings.h"

#include <algorithm>

KeyHistory::KeyHistory(QObject* parent)
    : QObject(parent)
    , m_model(new KeyHistoryModel(this))
{
    load();
}

void KeyHistory::add(const DhtKey& key)
{
    if (!key.isValid() || key.input().isEmpty())
        return;
    if (!m_model->promote(key, limit))
        return;
    save();
    emit changed();
}

void KeyHistory::clear()
{
    if (m_model->keys().isEmpty())
        return;
    m_model->clear();
    save();
    emit changed();
}

void KeyHistory::remove(int index)
{
    if (index < 0 || index >= m_model->keys().size())
        return;
    m_model->removeAt(index);
    save();
    emit changed();
}

QList<KeyHistory::Entry> KeyHistory::entries() const
{
    QList<Entry> entries;
    entries.reserve(m_model->keys().size());
    for (const DhtKey& key : m_model->keys())
        entries.append({key.input(), key.mode()});
    return entries;
}

QAbstractItemModel* KeyHistory::completionModel() const
{
    return m_model;
}

QVariant KeyHistory::toVariant(const DhtKey& key)
{
    return KeyCodec::toVariant(key);
}

DhtKey KeyHistory::fromVariant(const QVariant& value)
{
    return KeyCodec::fromVariant(value);
}

// Entries that no longer parse (a hand-edited file) or repeat are dropped, not shown broken.
void KeyHistory::load()
{
    QList<DhtKey> keys;
    const QStringList stored = browserSettings().value(Settings::Key::KeysHistory).toStringList();
    for (const QString& text : stored) {
        const DhtKey key = KeyCodec::fromString(text);
        const auto same = [&key](const DhtKey& k) {
            return k.mode() == key.mode() && k.input() == key.input();
        };
        if (keys.size() < limit && key.isValid() && !key.input().isEmpty() &&
            std::none_of(keys.cbegin(), keys.cend(), same))
            keys.append(key);
    }
    m_model->reset(keys);
}

void KeyHistory::save()
{
    QStringList stored;
    stored.reserve(m_model->keys().size());
    for (const DhtKey& key : m_model->keys())
        stored.append(KeyCodec::toString(key));
    browserSettings().setValue(Settings::Key::KeysHistory, stored); // written with the next burst
}
