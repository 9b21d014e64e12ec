#pragma once

#include "KnownKeys.h"

#include "core/keys/KeyListing.h"

#include <QPointer>
#include <QUrl>
#include <QWidget>

class BookmarksModel;
class KeyHistory;
class QLabel;
class QLineEdit;
class QNetworkAccessManager;
class QPushButton;
class QTableView;
class StoredKeysFilter;
class StoredKeysModel;

// "Stored here": the keys the gateway in use stores (its GET /keys, through core KeyListing),
// with their values, size and age, and the text of keys this browser knows (history,
// bookmarks). Filtered by hash prefix or known text, sorted by any column; pages come in as
// the listing goes, so 100 000 keys never freeze the window. Listed when first shown, on
// Refresh, after the gateway changes and after the user's own puts (refreshSoon()); a gateway
// that cannot list is said so in words, and an empty store says how to put a first value (the
// gateway's own presence record alone is empty too: it is shown dimmed, as the gateway's).
// Clicking a key (or Enter) opens it (openRequested()). A page of the window's side panel:
// while it is not on screen (hidden, or its dock behind another: setOnScreen()) it lists
// nothing, a listing under way pauses between pages and goes on when it is shown again.
class StoredKeysPanel : public QWidget
{
    Q_OBJECT
public:
    StoredKeysPanel(KeyHistory* history, BookmarksModel* bookmarks, QWidget* parent = nullptr);

    void setGateway(const QUrl& gateway);
    QUrl gateway() const { return m_gateway; }
    void refresh();
    // After a put: listed again shortly (a burst of puts lists once) if the panel is shown, else
    // when it is next shown.
    void refreshSoon();
    bool isListing() const { return bool(m_listing); }
    // Whether the dock the panel is in is on screen (QDockWidget::visibilityChanged): a dock
    // behind another tab of a tabbed dock area is not, though its widgets are not hidden.
    void setOnScreen(bool onScreen);
    // Shown and on screen: listing is worth the gateway's work.
    bool isActive() const { return isVisible() && m_onScreen; }
    // A listing under way waits between pages (none asked for) until the panel is active again.
    bool isPaused() const;
    // Keys a page of the listing asks for (tests make it small to have many pages).
    void setPageSize(int keys) { m_pageSize = keys; }

    StoredKeysModel* model() const { return m_model; }
    StoredKeysFilter* filter() const { return m_filter; }
    QTableView* view() const { return m_view; }
    QLabel* status() const { return m_status; }
    QLineEdit* filterEdit() const { return m_filterEdit; }
    QPushButton* refreshButton() const { return m_refresh; }

protected:
    void showEvent(QShowEvent* event) override;
    void hideEvent(QHideEvent* event) override;

signals:
    void openRequested(const KnownKeys::Key& key);
    void listingFinished(); // a listing ended: through, failed or replaced

private:
    void buildLayout();
    void onFinished();
    void open(const QModelIndex& index);
    void showProgress(qint64 listed, qint64 total);
    void followActive();

    KeyHistory* m_history;
    BookmarksModel* m_bookmarks;
    QNetworkAccessManager* m_nam;
    StoredKeysModel* m_model;
    StoredKeysFilter* m_filter;
    QTableView* m_view = nullptr;
    QLabel* m_status = nullptr;
    QLineEdit* m_filterEdit = nullptr;
    QPushButton* m_refresh = nullptr;
    QPointer<KeyListing> m_listing;
    QUrl m_gateway;
    bool m_listedOnce = false; // for this gateway, since the last put
    bool m_onScreen = true;
    int m_pageSize;
};
