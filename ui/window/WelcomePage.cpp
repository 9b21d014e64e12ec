#include "WelcomePage.h"

#include "core/dht/DhtLimits.h"
#include "ui/keys/KeyHistory.h"
#include "ui/keys/KeyModeInfo.h"

#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

namespace {

QLabel* paragraph(const QString& text, QWidget* parent)
{
    auto* label = new QLabel(text, parent);
    label->setTextFormat(Qt::PlainText);
    label->setWordWrap(true);
    return label;
}

QPushButton* keyButton(const DhtKey& key, QWidget* parent)
{
    // Flat and plain: a key from the history is shown as it was typed, elided if long.
    QString text = key.input();
    if (text.size() > 60)
        text = text.left(59) + u'…';
    text.replace(u'&', QStringLiteral("&&")); // a button's & would underline the next letter
    auto* button =
        new QPushButton(QStringLiteral("%1  (%2)").arg(text, KeyModeInfo::label(key.mode())), parent);
    button->setFlat(true);
    button->setStyleSheet(QStringLiteral("text-align: left"));
    return button;
}

} // namespace

WelcomePage::WelcomePage(KeyHistory* history, QWidget* parent)
    : QWidget(parent)
    , m_history(history)
    , m_recent(new QVBoxLayout)
{
    setObjectName(QStringLiteral("welcomePage"));
    auto* title = paragraph(tr("Type a key above and press Enter"), this);
    QFont big = title->font();
    big.setPointSizeF(big.pointSizeF() * 1.4);
    title->setFont(big);

    auto* example = new QPushButton(tr("Open the example key “%1”").arg(exampleKey()), this);
    example->setObjectName(QStringLiteral("exampleButton"));
    connect(example, &QPushButton::clicked, this,
            [this] { emit keyChosen(DhtKey::parse(exampleKey(), DhtKey::Mode::Text)); });

    auto* layout = new QVBoxLayout(this);
    layout->addStretch(1);
    layout->addWidget(title);
    layout->addWidget(
        paragraph(tr("You see every value stored under the key, and put values under it with the panel "
                     "“Put a value”. A key is any text (hashed with SHA-1 into the %1 bytes the DHT knows it "
                     "by), or %2 hex digits; the list beside the key field switches the mode.")
                      .arg(DhtLimits::keyBytes)
                      .arg(2 * DhtLimits::keyBytes),
                  this));
    layout->addWidget(
        paragraph(tr("The panel “Keys” lists the keys the gateway in use stores (“Stored here”), "
                     "the keys you opened and your bookmarks: a click opens one."),
                  this));
    layout->addLayout(m_recent);
    layout->addWidget(example, 0, Qt::AlignLeft);
    layout->addWidget(
        paragraph(tr("Where the values come from: the browser asks the gateways of its list (the table "
                     "“Gateways”) and uses the fastest that answers. When none answers, it starts a local "
                     "gateway on this computer, without a network: what you put there stays on this "
                     "computer. Gateway > Network of the Local Gateway joins it to a real DHT."),
                  this));
    layout->addStretch(2);
    layout->setContentsMargins(48, 24, 48, 24);

    fillRecent();
    connect(m_history, &KeyHistory::changed, this, &WelcomePage::fillRecent);
}

void WelcomePage::fillRecent()
{
    while (QLayoutItem* item = m_recent->takeAt(0)) {
        delete item->widget();
        delete item;
    }
    const auto entries = m_history->entries();
    if (entries.isEmpty())
        return;
    m_recent->addWidget(paragraph(tr("Keys you opened lately:"), this));
    for (const KeyHistory::Entry& entry : entries.mid(0, recentShown)) {
        const DhtKey key = DhtKey::parse(entry.input, entry.mode);
        QPushButton* button = keyButton(key, this);
        connect(button, &QPushButton::clicked, this, [this, key] { emit keyChosen(key); });
        m_recent->addWidget(button, 0, Qt::AlignLeft);
    }
}
