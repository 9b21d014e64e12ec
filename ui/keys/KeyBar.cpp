#include "KeyBar.h"

#include "BookmarksModel.h"
#include "KeyHistory.h"
#include "KeyHistoryModel.h"
#include "KeyLineEdit.h"
#include "KeyModeInfo.h"
#include "core/dht/DhtLimits.h"
#include "ui/common/BrowserSettings.h"
#include "ui/common/PlainToolTip.h"

#include <QAction>
#include <QClipboard>
#include <QComboBox>
#include <QCompleter>
#include <QEvent>
#include <QFontDatabase>
#include <QGridLayout>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QMenu>
#include <QPushButton>
#include <QToolButton>
#include <QTreeView>

namespace {
const DhtKey::Mode allModes[] = {DhtKey::Mode::Text, DhtKey::Mode::Hex, DhtKey::Mode::Raw};

// An error is a state that must stand out; the words say what is wrong, the colour only draws
// the eye. There is no palette role for it, so the red is picked by the window's lightness to
// stay readable on light and dark themes.
QColor errorColour(const QPalette& palette)
{
    return palette.color(QPalette::Window).lightnessF() < 0.5 ? QColor(255, 128, 128) : QColor(176, 0, 32);
}

// A QToolButton shows its text when the theme has no such icon (no theme at all offscreen).
QToolButton* toolButton(const QString& iconName, const QString& text, QWidget* parent)
{
    auto* button = new QToolButton(parent);
    button->setIcon(QIcon::fromTheme(iconName));
    button->setText(text);
    button->setAccessibleName(text);
    return button;
}
} // namespace

KeyBar::KeyBar(KeyHistory* history, BookmarksModel* bookmarks, QWidget* parent)
    : QWidget(parent)
    , m_history(history)
    , m_bookmarks(bookmarks)
{
    buildWidgets();
    buildLayout();
    setupCompleter();
    DhtKey::Mode lastMode = DhtKey::Mode::Text;
    DhtKey::modeFromName(browserSettings().value(Settings::Key::KeysMode).toString(), &lastMode);
    setMode(lastMode);
    connectWidgets();
    rebuildBookmarksMenu();
    applyErrorColour();
    refresh();
    setFocusProxy(m_edit);
}

void KeyBar::buildWidgets()
{
    m_modeBox = new QComboBox(this);
    for (DhtKey::Mode mode : allModes) {
        m_modeBox->addItem(KeyModeInfo::label(mode), int(mode));
        m_modeBox->setItemData(m_modeBox->count() - 1, plainToolTip({KeyModeInfo::description(mode)}),
                               Qt::ToolTipRole);
    }
    m_modeBox->setAccessibleName(tr("Key mode"));

    m_edit = new KeyLineEdit(this);
    m_edit->setAccessibleName(tr("Key"));
    m_edit->setClearButtonEnabled(true);
    m_edit->setToolTip(tr("Enter fetches the key, Alt+Enter opens it in a new tab, ↓ lists recent keys "
                          "(Shift+Delete forgets the highlighted one)."));

    m_fetch = new QPushButton(tr("Fetch"), this);
    m_fetch->setToolTip(tr("Get every value stored under this key (Enter)"));
    m_newTab = new QPushButton(tr("New tab"), this);
    m_newTab->setToolTip(tr("Open this key in a new tab (Alt+Enter)"));

    m_hash = new QLabel(this);
    m_hash->setTextFormat(Qt::PlainText);
    m_hash->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    m_hash->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    // Room for the 40 digits at all times, so that the bar does not jump while typing.
    m_hash->setMinimumWidth(QFontMetrics(m_hash->font()).horizontalAdvance(QString(41, u'0')));
    m_hash->setAccessibleName(tr("Info hash"));
    m_hash->setToolTip(
        tr("Info hash: the %1 bytes the DHT stores this key under, in hex").arg(DhtLimits::keyBytes));

    m_copy = toolButton(QStringLiteral("edit-copy"), tr("Copy"), this);
    m_copy->setToolTip(tr("Copy the info hash"));

    m_star = new QToolButton(this);
    m_star->setCheckable(true);

    m_bookmarksMenu = new QMenu(this);
    m_bookmarksMenu->setToolTipsVisible(true);
    m_bookmarksButton = toolButton(QStringLiteral("bookmarks"), tr("Bookmarks"), this);
    m_bookmarksButton->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_bookmarksButton->setPopupMode(QToolButton::InstantPopup);
    m_bookmarksButton->setMenu(m_bookmarksMenu);

    m_error = new QLabel(this);
    m_error->setTextFormat(Qt::PlainText);
    m_error->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_error->setWordWrap(true); // a long error takes lines, never the window's width
    // The line keeps its height when empty, so that an error does not push the window down.
    m_error->setMinimumHeight(m_error->fontMetrics().height());
    m_error->setAccessibleName(tr("Key error"));
}

void KeyBar::buildLayout()
{
    // The entry gets the width; the hash it becomes, its copy button and any error go under it.
    auto* layout = new QGridLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setVerticalSpacing(2);
    int column = 0;
    for (QWidget* w :
         std::initializer_list<QWidget*>{m_modeBox, m_edit, m_fetch, m_newTab, m_star, m_bookmarksButton})
        layout->addWidget(w, 0, column++);
    auto* below = new QHBoxLayout;
    below->addWidget(m_hash);
    below->addWidget(m_copy);
    below->addWidget(m_error, 1);
    layout->addLayout(below, 1, 1, 1, -1);
    layout->setColumnStretch(1, 1);
}

// The history pops up under the entry with each key's mode beside it; choosing or merely
// highlighting an entry also restores its mode, so that Enter fetches the key that was used.
void KeyBar::setupCompleter()
{
    auto* completer = new QCompleter(m_history->completionModel(), this);
    completer->setCaseSensitivity(Qt::CaseSensitive);
    completer->setFilterMode(Qt::MatchContains);
    completer->setModelSorting(QCompleter::UnsortedModel);
    completer->setCompletionColumn(KeyHistoryModel::InputColumn);
    completer->setMaxVisibleItems(12);
    auto* popup = new QTreeView;
    completer->setPopup(popup); // first: the view needs its model before the settings below
    popup->setHeaderHidden(true);
    popup->setRootIsDecorated(false);
    popup->setUniformRowHeights(true);
    popup->setSelectionBehavior(QAbstractItemView::SelectRows);
    popup->setTextElideMode(Qt::ElideMiddle);
    popup->header()->setStretchLastSection(false);
    popup->header()->setSectionResizeMode(KeyHistoryModel::InputColumn, QHeaderView::Stretch);
    popup->header()->setSectionResizeMode(KeyHistoryModel::ModeColumn, QHeaderView::ResizeToContents);
    m_edit->setCompleter(completer);
    connect(completer, qOverload<const QModelIndex&>(&QCompleter::highlighted), this, &KeyBar::takeModeFrom);
    connect(completer, qOverload<const QModelIndex&>(&QCompleter::activated), this, &KeyBar::takeModeFrom);
}

void KeyBar::connectWidgets()
{
    connect(m_modeBox, &QComboBox::currentIndexChanged, this, &KeyBar::onModeChanged);
    connect(m_edit, &QLineEdit::textChanged, this, &KeyBar::onTextChanged);
    connect(m_edit, &KeyLineEdit::submitted, this, &KeyBar::submit);
    connect(m_edit, &KeyLineEdit::historyRemovalRequested, m_history, &KeyHistory::remove);
    connect(m_fetch, &QPushButton::clicked, this, [this] { submit(false); });
    connect(m_newTab, &QPushButton::clicked, this, [this] { submit(true); });
    connect(m_copy, &QToolButton::clicked, this, &KeyBar::copyHash);
    connect(m_star, &QToolButton::clicked, this, &KeyBar::toggleBookmark);

    const auto bookmarksChanged = [this] {
        rebuildBookmarksMenu();
        refreshBookmarkButton();
    };
    connect(m_bookmarks, &QAbstractItemModel::rowsInserted, this, bookmarksChanged);
    connect(m_bookmarks, &QAbstractItemModel::rowsRemoved, this, bookmarksChanged);
    connect(m_bookmarks, &QAbstractItemModel::dataChanged, this, bookmarksChanged);
    connect(m_bookmarks, &QAbstractItemModel::modelReset, this, bookmarksChanged);

    auto* clearHistory = new QAction(tr("Clear key history"), this);
    connect(clearHistory, &QAction::triggered, m_history, &KeyHistory::clear);
    const auto historyChanged = [this, clearHistory] {
        clearHistory->setEnabled(!m_history->entries().isEmpty());
    };
    connect(m_history, &KeyHistory::changed, this, historyChanged);
    historyChanged();
    m_edit->setExtraContextActions({clearHistory});
}

QLineEdit* KeyBar::keyEdit() const
{
    return m_edit;
}

DhtKey KeyBar::key() const
{
    return DhtKey::parse(m_edit->text(), mode());
}

DhtKey::Mode KeyBar::mode() const
{
    return DhtKey::Mode(m_modeBox->currentData().toInt());
}

void KeyBar::setMode(DhtKey::Mode mode)
{
    m_modeBox->setCurrentIndex(m_modeBox->findData(int(mode)));
}

void KeyBar::setKey(const QString& input, DhtKey::Mode mode)
{
    {
        const QSignalBlocker blockMode(m_modeBox);
        const QSignalBlocker blockEdit(m_edit);
        setMode(mode);
        m_edit->setText(input);
    }
    refresh();
}

void KeyBar::focusKey()
{
    m_edit->setFocus(Qt::ShortcutFocusReason);
    m_edit->selectAll();
}

void KeyBar::onModeChanged()
{
    browserSettings().setValue(Settings::Key::KeysMode, DhtKey::modeName(mode()));
    refresh();
    emit keyEdited(key());
}

void KeyBar::onTextChanged()
{
    refresh();
    emit keyEdited(key());
}

// Everything that follows from the input: hash, error line, which buttons make sense.
void KeyBar::refresh()
{
    const DhtKey k = key();
    const bool typed = !m_edit->text().isEmpty();
    const bool usable = typed && k.isValid();
    m_hash->setText(usable ? k.infoHashHex() : QString());
    m_error->setText(typed && !usable ? k.error() : QString());
    m_edit->setAccessibleDescription(m_error->text());
    m_edit->setPlaceholderText(KeyModeInfo::placeholder(mode()));
    m_modeBox->setToolTip(plainToolTip({KeyModeInfo::description(mode())}));
    for (QWidget* w : std::initializer_list<QWidget*>{m_fetch, m_newTab, m_copy, m_star})
        w->setEnabled(usable);
    refreshBookmarkButton();
}

void KeyBar::refreshBookmarkButton()
{
    const DhtKey k = key();
    const int row = !m_edit->text().isEmpty() && k.isValid() ? m_bookmarks->indexOf(k) : -1;
    m_star->setChecked(row >= 0);
    m_star->setText(row >= 0 ? QStringLiteral("★") : QStringLiteral("☆"));
    m_star->setAccessibleName(row >= 0 ? tr("Remove the bookmark") : tr("Bookmark this key"));
    m_star->setToolTip(row >= 0
                           ? plainToolTip({tr("Remove the bookmark “%1”").arg(m_bookmarks->at(row).name)})
                           : tr("Bookmark this key (its name is typed in the side panel's Bookmarks)"));
}

void KeyBar::rebuildBookmarksMenu()
{
    m_bookmarksMenu->clear();
    for (int row = 0; row < m_bookmarks->count(); ++row) {
        const BookmarksModel::Bookmark b = m_bookmarks->at(row);
        // '&' would be taken as a mnemonic; the name is shown as the user wrote it.
        QAction* action = m_bookmarksMenu->addAction(QString(b.name).replace(u'&', QStringLiteral("&&")));
        action->setToolTip(plainToolTip({b.input, KeyModeInfo::label(b.mode)}));
        connect(action, &QAction::triggered, this, [this, b] { openBookmark(b.input, b.mode); });
    }
    if (m_bookmarks->count() == 0)
        m_bookmarksMenu->addAction(tr("No bookmarks yet: ☆ bookmarks the current key"))->setEnabled(false);
    m_bookmarksMenu->addSeparator();
    m_bookmarksMenu->addAction(tr("Show Bookmarks"), this, &KeyBar::bookmarksRequested)
        ->setToolTip(tr("The Bookmarks page of the side panel, where bookmarks are renamed and removed"));
}

void KeyBar::takeModeFrom(const QModelIndex& historyIndex)
{
    const QVariant mode = historyIndex.data(KeyHistoryModel::ModeRole);
    if (mode.isValid())
        setMode(DhtKey::Mode(mode.toInt()));
}

void KeyBar::submit(bool newTab)
{
    const DhtKey k = key();
    if (m_edit->text().isEmpty()) {
        m_error->setText(tr("Type a key first."));
        return;
    }
    if (!k.isValid())
        return; // the error line already says why
    m_history->add(k);
    if (newTab)
        emit openInNewTabRequested(k);
    else
        emit fetchRequested(k);
}

void KeyBar::toggleBookmark()
{
    const DhtKey k = key();
    const int row = m_bookmarks->indexOf(k);
    if (row >= 0)
        m_bookmarks->removeAt(row);
    else if (k.isValid())
        emit bookmarkRequested(k); // named in the side panel: no dialog of its own
    refreshBookmarkButton();
}

void KeyBar::openBookmark(const QString& input, DhtKey::Mode mode)
{
    setKey(input, mode);
    submit(false);
}

void KeyBar::copyHash()
{
    if (!m_hash->text().isEmpty())
        QGuiApplication::clipboard()->setText(m_hash->text());
}

void KeyBar::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::PaletteChange)
        applyErrorColour();
    QWidget::changeEvent(event);
}

void KeyBar::applyErrorColour()
{
    QPalette palette = this->palette();
    palette.setColor(QPalette::WindowText, errorColour(palette));
    m_error->setPalette(palette);
}
