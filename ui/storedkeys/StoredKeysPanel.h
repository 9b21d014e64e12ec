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
// that cannot list is said so in words, and an empty store says how to put a first value.
// Clicking a key (or Enter) opens it (openRequested()). A page of the window's side panel.
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

    StoredKeysModel* model() const { return m_model; }
    StoredKeysFilter* filter() const { return m_filter; }
    QTableView* view() const { return m_view; }
    QLabel* status() const { return m_status; }
    QLineEdit* filterEdit() const { return m_filterEdit; }
    QPushButton* refreshButton() const { return m_refresh; }

protected:
    void showEvent(QShowEvent* event) override;

signals:
    void openRequested(const KnownKeys::Key& key);
    void listingFinished(); // a listing ended: through, failed or replaced

private:
    void buildLayout();
    void onFinished();
    void open(const QModelIndex& index);
    void showProgress(qint64 listed, qint64 total);

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
};
