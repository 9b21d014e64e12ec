#pragma once

#include "core/probe/GatewayDirectory.h"

#include <QDockWidget>
#include <QModelIndex>
#include <QPointer>
#include <QTimer>
#include <QUrl>

#include <optional>

class BenchmarkDialog;
class GatewayAddDialog;
class GatewayChooser;
class GatewayTableModel;
class QAction;
class QLabel;
class QSortFilterProxyModel;
class QTableView;

// The live gateway latency table, as a dock (objectName "gatewayDock", so the window saves and
// restores it with its state). Sorted by health then median unless the user sorts by another
// column; rows stay where they are while figures arrive, and the order follows them every
// resortIntervalMs (and at once on a header click, or when a row comes). The user can use a
// gateway (button, double-click or Enter: pinned, automatic mode off), turn automatic mode
// back on, add a gateway (checked first, in the background), remove one they added or one
// discovered, pause probing, and run a discovery. The column layout is kept in the browser's
// settings (Settings::Key::GatewaysTableHeader).
class GatewayDock : public QDockWidget
{
    Q_OBJECT
public:
    static constexpr int resortIntervalMs = 10000;

    explicit GatewayDock(GatewayChooser* chooser, QWidget* parent = nullptr);
    ~GatewayDock() override;

    QTableView* view() const { return m_view; }
    GatewayTableModel* model() const { return m_model; }
    QSortFilterProxyModel* sortModel() const { return m_sort; }

    QAction* useAction() const { return m_use; }
    QAction* automaticAction() const { return m_automatic; }
    QAction* addGatewayAction() const { return m_add; }
    QAction* removeAction() const { return m_remove; }
    QAction* editAction() const { return m_edit; }
    QAction* undoRemoveAction() const { return m_undoRemove; }
    QAction* pauseAction() const { return m_pause; }
    QAction* discoverAction() const { return m_discover; }
    QAction* benchmarkAction() const { return m_benchmark; }
    BenchmarkDialog* benchmarkDialog() const;          // while open
    QLabel* statusLabel() const { return m_status; }   // "probing 3 of 8 gateways…", "paused"…
    QLabel* messageLabel() const { return m_message; } // what the last action did, or why not
    GatewayAddDialog* addDialog() const;               // while open

    // The URL of the selected row (empty when none).
    QUrl selectedUrl() const;
    // Sorts the rows by the current sort column now (the calm timer does so every interval).
    void resort();

signals:
    // The user chose a gateway. The dock has already called chooser->use(url): the window
    // only notes it (status bar), it need not call use() again.
    void useRequested(const QUrl& url);

private:
    void buildActions();
    void useRow(const QModelIndex& proxyIndex);
    void useSelected();
    void removeSelected();
    void editSelected();
    void openAddDialog();
    void openBenchmark();
    void updateStatus();
    void updateActions();
    void say(const QString& message);
    int answering() const;
    int healthy() const;

    GatewayChooser* m_chooser;
    GatewayTableModel* m_model;
    QSortFilterProxyModel* m_sort;
    QTableView* m_view;
    QLabel* m_status;
    QLabel* m_message;
    QAction* m_use = nullptr;
    QAction* m_automatic = nullptr;
    QAction* m_add = nullptr;
    QAction* m_remove = nullptr;
    QAction* m_edit = nullptr;
    QAction* m_undoRemove = nullptr;
    std::optional<GatewayDirectory::Entry> m_removed; // what Undo Remove puts back
    QAction* m_pause = nullptr;
    QAction* m_discover = nullptr;
    QAction* m_benchmark = nullptr;
    QPointer<GatewayAddDialog> m_addDialog;
    QPointer<BenchmarkDialog> m_benchmarkDialog;
    QTimer m_resort;
    bool m_noneSaid = false;      // the message says no gateway answers, or none is healthy...
    bool m_noneAnswering = false; // ...the first
};
