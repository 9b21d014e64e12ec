// The gateway dock as a user sees it: live rows (model-tested while real probes run), the gateway
// in use marked in words, a double-click or Enter to choose one, the Add dialog checking a URL
// without blocking, Remove refusing a built-in gateway with a reason, and names shown as typed.
#include "support/GatewayProcess.h"
#include "support/IsolatedDirectory.h"

#include "core/probe/GatewayBenchmark.h"
#include "core/probe/GatewayChooser.h"
#include "core/probe/LatencyProbe.h"
#include "ui/common/BrowserSettings.h"
#include "ui/gateways/BenchmarkDialog.h"
#include "ui/gateways/GatewayAddDialog.h"
#include "ui/gateways/GatewayDock.h"
#include "ui/gateways/GatewayTableModel.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QFile>
#include <QHeaderView>
#include <QIcon>
#include <QLabel>
#include <QLineEdit>
#include <QPalette>
#include <QProgressBar>
#include <QPushButton>
#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTableView>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>

namespace {

QUrl closedPort()
{
    QTcpServer server;
    server.listen(QHostAddress::LocalHost);
    return QUrl(QStringLiteral("http://127.0.0.1:%1/").arg(server.serverPort()));
}

int proxyRow(const GatewayDock& dock, const QUrl& url)
{
    const QAbstractItemModel* m = dock.view()->model();
    for (int row = 0; row < m->rowCount(); ++row) {
        if (m->index(row, 0).data(GatewayTableModel::UrlRole).toUrl() == url)
            return row;
    }
    return -1;
}

QString cell(const GatewayDock& dock, const QUrl& url, int column, int role = Qt::DisplayRole)
{
    const int row = dock.model()->rowOf(url);
    return row < 0 ? QString() : dock.model()->index(row, column).data(role).toString();
}

int samples(const GatewayChooser& chooser, const QUrl& url)
{
    const int i = chooser.indexOf(url);
    return i < 0 ? -1 : chooser.probe()->target(i).stats.samples();
}

} // namespace

class TestGatewayDock : public QObject
{
    Q_OBJECT

    GatewayProcess m_a, m_b;

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QString error;
        QVERIFY2(m_a.start(&error), qPrintable(error));
        QVERIFY2(m_b.start(&error), qPrintable(error));
    }

    void init() // the dock's saved table layout goes
    {
        browserSettings().remove(Settings::Key::GatewaysTableHeader);
        browserSettings().flush();
    }

    void modelStaysConsistentWhileProbesRun()
    {
        IsolatedDirectory setup({m_a.url(), m_b.url()});
        GatewayChooser chooser(setup.directory(), setup.settings());
        chooser.setInterval(100);
        chooser.probe()->setTimeout(1000);
        GatewayDock dock(&chooser);
        QAbstractItemModelTester source(dock.model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        QAbstractItemModelTester sorted(dock.sortModel(),
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        QCOMPARE(dock.objectName(), QStringLiteral("gatewayDock"));
        chooser.start();
        dock.view()->sortByColumn(GatewayTableModel::Median, Qt::AscendingOrder); // re-sorts live
        const QUrl refused = closedPort();
        chooser.setLocalGateway(refused); // a row comes while probes are under way
        QTRY_VERIFY_WITH_TIMEOUT(samples(chooser, m_a.url()) >= 5 && samples(chooser, m_b.url()) >= 5 &&
                                     samples(chooser, refused) >= 2,
                                 10000);
        QCOMPARE(dock.model()->rowCount(), 3);
        // Our gateways without a bootstrap node: healthy, and alone by design.
        QCOMPARE(cell(dock, m_a.url(), GatewayTableModel::Status), QStringLiteral("this computer only"));
        // Our gateway serves the proxy REST API beside XML-RPC, and the table says so.
        QTRY_COMPARE_WITH_TIMEOUT(cell(dock, m_a.url(), GatewayTableModel::Kind),
                                  QStringLiteral("classic + proxy"), 10000);
        QVERIFY(cell(dock, m_a.url(), GatewayTableModel::Median).endsWith(QStringLiteral(" ms")));
        QCOMPARE(cell(dock, refused, GatewayTableModel::Status), QStringLiteral("refused"));
        QCOMPARE(cell(dock, refused, GatewayTableModel::Name), QStringLiteral("Local gateway"));
        QCOMPARE(cell(dock, refused, GatewayTableModel::Origin), QStringLiteral("local"));
        const QModelIndex refusedMedian =
            dock.model()->index(dock.model()->rowOf(refused), GatewayTableModel::Median);
        QVERIFY(std::isinf(refusedMedian.data(GatewayTableModel::SortRole).toDouble()));
        dock.resort();                        // what the calm timer does
        QCOMPARE(proxyRow(dock, refused), 2); // sorted by median: the one that never answered, last
        chooser.setLocalGateway({});          // and a row goes
        QTRY_COMPARE_WITH_TIMEOUT(dock.model()->rowCount(), 2, 5000);
        QVERIFY(samples(chooser, m_a.url()) >= 5); // the figures of the others stay
        dock.pauseAction()->trigger();
        QCOMPARE(dock.statusLabel()->text(), QStringLiteral("paused"));
        QVERIFY(!chooser.isProbing());
    }

    void theGatewayInUseIsMarkedInWords()
    {
        IsolatedDirectory setup({m_a.url(), m_b.url()});
        GatewayChooser chooser(setup.directory(), setup.settings());
        chooser.setInterval(200);
        GatewayDock dock(&chooser);
        chooser.start();
        QVERIFY2(dock.statusLabel()->text().startsWith(QStringLiteral("probing 0 of 2 gateways…")),
                 qPrintable(dock.statusLabel()->text()));
        QTRY_VERIFY_WITH_TIMEOUT(
            chooser.current() && samples(chooser, m_a.url()) >= 3 && samples(chooser, m_b.url()) >= 3, 5000);
        QVERIFY2(dock.statusLabel()->text().startsWith(QStringLiteral("2 of 2 gateways answer")),
                 qPrintable(dock.statusLabel()->text()));
        const QUrl inUse = chooser.current()->url;
        const QUrl other = inUse == m_a.url() ? m_b.url() : m_a.url();
        // A column of its own, with an icon: the name stays whole.
        QCOMPARE(cell(dock, inUse, GatewayTableModel::Use), QStringLiteral("In use"));
        QCOMPARE(cell(dock, inUse, GatewayTableModel::Name), inUse.authority());
        const QModelIndex use = dock.model()->index(dock.model()->rowOf(inUse), GatewayTableModel::Use);
        QVERIFY(!use.data(Qt::DecorationRole).value<QIcon>().isNull());
        QVERIFY(dock.model()->index(dock.model()->rowOf(inUse), 0).data(Qt::FontRole).value<QFont>().bold());
        QCOMPARE(cell(dock, other, GatewayTableModel::Use), QString());
        QVERIFY(cell(dock, inUse, GatewayTableModel::Use, Qt::ToolTipRole)
                    .contains(QStringLiteral("chosen automatically")));
        // Pinned elsewhere, the automatic choice is still named: recommended.
        chooser.use(other);
        QCOMPARE(cell(dock, other, GatewayTableModel::Use), QStringLiteral("In use (pinned)"));
        QTRY_COMPARE_WITH_TIMEOUT(cell(dock, inUse, GatewayTableModel::Use).isEmpty() ||
                                      cell(dock, inUse, GatewayTableModel::Use) ==
                                          QStringLiteral("Recommended"),
                                  true, 5000);
    }

    void doubleClickOrEnterUsesARow()
    {
        IsolatedDirectory setup({m_a.url(), m_b.url()});
        GatewayChooser chooser(setup.directory(), setup.settings());
        GatewayDock dock(&chooser);
        QSignalSpy requested(&dock, &GatewayDock::useRequested);
        dock.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dock));
        chooser.start();
        QTRY_VERIFY_WITH_TIMEOUT(chooser.current(), 5000);
        const QUrl automatic = chooser.current()->url;
        const QUrl other = automatic == m_a.url() ? m_b.url() : m_a.url();
        QTableView* view = dock.view();
        // The gateway Automatic uses already: a double-click pins it, and the row says so.
        QCOMPARE(cell(dock, automatic, GatewayTableModel::Use), QStringLiteral("In use"));
        const QRect current =
            view->visualRect(view->model()->index(proxyRow(dock, automatic), GatewayTableModel::Url));
        QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, current.center());
        QTest::mouseDClick(view->viewport(), Qt::LeftButton, {}, current.center());
        QVERIFY(!chooser.isAutomatic());
        QCOMPARE(chooser.current()->url, automatic);
        QCOMPARE(cell(dock, automatic, GatewayTableModel::Use), QStringLiteral("In use (pinned)"));
        QVERIFY(cell(dock, automatic, GatewayTableModel::Use, Qt::ToolTipRole)
                    .contains(QStringLiteral("chosen by you")));
        QVERIFY2(dock.messageLabel()->text().contains(QStringLiteral("Automatic is off")),
                 qPrintable(dock.messageLabel()->text()));
        requested.clear();
        const QRect rect =
            view->visualRect(view->model()->index(proxyRow(dock, other), GatewayTableModel::Url));
        // What a double-click delivers: a click, then the double-click event.
        QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, rect.center());
        QTest::mouseDClick(view->viewport(), Qt::LeftButton, {}, rect.center());
        QCOMPARE(chooser.current()->url, other);
        QVERIFY(!chooser.isAutomatic());
        QVERIFY(!dock.automaticAction()->isChecked());
        QCOMPARE(requested.size(), 1);
        QCOMPARE(requested.first().first().toUrl(), other);
        QCOMPARE(cell(dock, other, GatewayTableModel::Use), QStringLiteral("In use (pinned)"));

        const QUrl back = other == m_a.url() ? m_b.url() : m_a.url();
        view->setFocus();
        view->selectRow(proxyRow(dock, back));
        QTest::keyClick(view, Qt::Key_Return);
        QCOMPARE(chooser.current()->url, back);
        dock.automaticAction()->trigger();
        QVERIFY(chooser.isAutomatic());
    }

    // A gateway that stops answering: its status in a word with an icon and a colour, its old
    // figures "—" and greyed (kept in the tooltip with their age), and it moves down the list
    // only when the rows are sorted again, not while probes arrive.
    void aDeadGatewayIsShownAsSuchAndRowsMoveOnlyWhenSorted()
    {
        GatewayProcess c;
        QString error;
        QVERIFY2(c.start(&error), qPrintable(error));
        IsolatedDirectory setup({c.url(), m_a.url()});
        GatewayChooser chooser(setup.directory(), setup.settings());
        chooser.setInterval(100);
        chooser.probe()->setTimeout(1000);
        GatewayDock dock(&chooser);
        QAbstractItemModelTester tester(dock.sortModel(),
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        QVERIFY(!dock.sortModel()->dynamicSortFilter());
        QCOMPARE(dock.sortModel()->sortColumn(), int(GatewayTableModel::Status)); // health, then median
        chooser.start();
        QTRY_VERIFY_WITH_TIMEOUT(
            samples(chooser, c.url()) >= 3 && samples(chooser, m_a.url()) >= 3 &&
                chooser.probe()->target(chooser.indexOf(c.url())).verdict().isHealthy() &&
                chooser.probe()->target(chooser.indexOf(m_a.url())).verdict().isHealthy(),
            10000);
        dock.view()->sortByColumn(GatewayTableModel::Name, Qt::AscendingOrder);
        dock.view()->sortByColumn(GatewayTableModel::Status, Qt::AscendingOrder);
        const QString figure = cell(dock, c.url(), GatewayTableModel::Median);
        QVERIFY2(figure.endsWith(QStringLiteral(" ms")), qPrintable(figure));
        QSignalSpy moved(dock.sortModel(), &QAbstractItemModel::layoutChanged);
        const QList<double> history = dock.model()
                                          ->index(dock.model()->rowOf(c.url()), GatewayTableModel::History)
                                          .data(GatewayTableModel::HistoryRole)
                                          .value<QList<double>>();
        QVERIFY(history.size() >= 3);

        c.stop();
        QTRY_COMPARE_WITH_TIMEOUT(cell(dock, c.url(), GatewayTableModel::Status), QStringLiteral("refused"),
                                  5000);
        const QModelIndex status =
            dock.model()->index(dock.model()->rowOf(c.url()), GatewayTableModel::Status);
        QVERIFY(!status.data(Qt::DecorationRole).value<QIcon>().isNull());
        QVERIFY(status.data(Qt::ForegroundRole).value<QColor>().isValid());
        QVERIFY(status.data(Qt::ForegroundRole) !=
                dock.model()
                    ->index(dock.model()->rowOf(m_a.url()), GatewayTableModel::Status)
                    .data(Qt::ForegroundRole));
        QCOMPARE(cell(dock, c.url(), GatewayTableModel::Median), QStringLiteral("—"));
        QCOMPARE(cell(dock, c.url(), GatewayTableModel::Last), QStringLiteral("—"));
        const QModelIndex median =
            dock.model()->index(dock.model()->rowOf(c.url()), GatewayTableModel::Median);
        QCOMPARE(median.data(Qt::ForegroundRole).value<QColor>(),
                 QGuiApplication::palette().color(QPalette::Disabled, QPalette::Text));
        const QString tip = median.data(Qt::ToolTipRole).toString();
        QVERIFY2(tip.contains(QStringLiteral("Last answered")) && tip.contains(figure), qPrintable(tip));
        const QString historyTip = cell(dock, c.url(), GatewayTableModel::History, Qt::ToolTipRole);
        QVERIFY2(historyTip.contains(QStringLiteral(" lost")), qPrintable(historyTip));
        QTRY_VERIFY_WITH_TIMEOUT(samples(chooser, c.url()) >= int(history.size()) + 3, 5000);
        QCOMPARE(moved.size(), 0); // probes came and went: no row moved
        dock.resort();
        QCOMPARE(proxyRow(dock, c.url()), 1); // sorted again: the dead one last
    }

    // Benchmark now: real gets on both gateways at once, with progress, then the conclusion in
    // words, an offer to use the fastest (taken only when clicked) and a CSV export.
    void benchmarkNowConcludesAndExports()
    {
        IsolatedDirectory setup({m_a.url(), m_b.url()});
        GatewayChooser chooser(setup.directory(), setup.settings());
        chooser.setInterval(200);
        GatewayDock dock(&chooser);
        chooser.start();
        QTRY_VERIFY_WITH_TIMEOUT(
            chooser.current() && samples(chooser, m_a.url()) > 0 && samples(chooser, m_b.url()) > 0, 10000);
        dock.benchmarkAction()->trigger();
        BenchmarkDialog* dialog = dock.benchmarkDialog();
        QVERIFY(dialog);
        dialog->roundsBox()->setValue(4);
        dialog->putsBox()->setChecked(true);
        QSignalSpy finished(dialog->benchmark(), &GatewayBenchmark::finished);
        const QUrl before = chooser.current()->url;
        dialog->startButton()->click();
        QVERIFY(dialog->benchmark()->isRunning()); // the window stays usable meanwhile
        QVERIFY(finished.wait(30000));
        QCOMPARE(finished.first().first().toBool(), false);
        QCOMPARE(dialog->progressBar()->value(), 2 * 4 * 2); // two gateways, a get and a put a round
        const QString text = dialog->conclusionLabel()->text();
        QVERIFY2(text.startsWith(QStringLiteral("Fastest healthy gateway: ")), qPrintable(text));
        QCOMPARE(dialog->conclusionLabel()->textFormat(), Qt::PlainText);
        QCOMPARE(chooser.current()->url, before); // nothing switched by itself
        if (!dialog->useButton()->isHidden()) {
            dialog->useButton()->click();
            QVERIFY(chooser.current()->url != before);
            QVERIFY(!chooser.isAutomatic());
        } else {
            QVERIFY(text.contains(QStringLiteral("It is the one in use.")));
        }
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("bench.csv"));
        QString error;
        QVERIFY2(dialog->exportCsv(path, &error), qPrintable(error));
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QList<QByteArray> lines = file.readAll().trimmed().split('\n');
        QCOMPARE(lines.size(), 3);
        QVERIFY(lines[0].startsWith("url,name,kind,health,gets,get_failures,median_ms"));
        for (const QByteArray& line : lines.mid(1)) {
            const QList<QByteArray> f = line.trimmed().split(',');
            QCOMPARE(f.size(), 13);
            QCOMPARE(f[4], QByteArray("4")); // gets
            QCOMPARE(f[5], QByteArray("0")); // failed
            QCOMPARE(f[9], QByteArray("4")); // puts
            QVERIFY(f[6].toDouble() > 0);
        }
        dialog->reject();
    }

    void addChecksTheUrlInTheBackground()
    {
        GatewayProcess c;
        QString error;
        QVERIFY2(c.start(&error), qPrintable(error));
        IsolatedDirectory setup({m_a.url()});
        GatewayChooser chooser(setup.directory(), setup.settings());
        GatewayDock dock(&chooser);
        dock.addGatewayAction()->trigger();
        QPointer<GatewayAddDialog> dialog = dock.addDialog();
        QVERIFY(dialog);
        dialog->urlEdit()->setText(c.url().toString());
        dialog->nameEdit()->setText(QStringLiteral("third"));
        dialog->accept();
        QVERIFY(dialog->isChecking()); // accept() returned at once: the window stays usable
        QTRY_VERIFY_WITH_TIMEOUT(setup.directory()->find(c.url()), 10000);
        QCOMPARE(setup.directory()->find(c.url())->kind, GatewayKind::Classic);
        QCOMPARE(setup.directory()->find(c.url())->name, QStringLiteral("third"));
        QVERIFY(dock.messageLabel()->text().contains(QStringLiteral("classic gateway")));
        QTRY_VERIFY(!dialog); // closed and gone

        const auto before = setup.directory()->entries().size();
        const QUrl closed = closedPort();
        dock.addGatewayAction()->trigger();
        dialog = dock.addDialog();
        dialog->urlEdit()->setText(closed.toString());
        dialog->accept();
        QTRY_VERIFY_WITH_TIMEOUT(!dialog->isChecking(), 10000);
        QVERIFY2(dialog->statusLabel()->text().contains(QStringLiteral("refused the connection")),
                 qPrintable(dialog->statusLabel()->text()));
        QCOMPARE(setup.directory()->entries().size(), before);
        QVERIFY(dialog->isVisible()); // still open, the URL still there to correct
        // A refusal of many lines is shown whole: the dialog grows rather than clip it.
        dialog->urlEdit()->setText(QStringLiteral("not a url ") + QStringLiteral("word ").repeated(320));
        dialog->accept();
        QLabel* status = dialog->statusLabel();
        QVERIFY(status->heightForWidth(status->width()) > 3 * status->fontMetrics().height());
        QTRY_VERIFY(status->height() >= status->heightForWidth(status->width()));
        QVERIFY(dialog->rect().contains(status->geometry()));
        dialog->urlEdit()->setText(closed.toString());
        QCOMPARE(dialog->urlEdit()->text(), closed.toString());
        dialog->reject();
    }

    // Edit: a saved gateway's name and URL changed in place, its kind found again; a built-in one
    // is refused with the reason.
    void editChangesNameAndUrlAndChecksAgain()
    {
        const QUrl wrong = closedPort();
        IsolatedDirectory setup({wrong}, true);
        GatewayChooser chooser(setup.directory(), setup.settings());
        GatewayDock dock(&chooser);
        const int position = int(setup.directory()->entries().size()) - 1;
        dock.view()->selectRow(proxyRow(dock, wrong));
        QVERIFY(dock.editAction()->isEnabled());
        dock.editAction()->trigger();
        QPointer<GatewayAddDialog> dialog = dock.addDialog();
        QVERIFY(dialog);
        QCOMPARE(dialog->windowTitle(), QStringLiteral("Edit Gateway"));
        QCOMPARE(dialog->urlEdit()->text(), wrong.toString());
        dialog->urlEdit()->setText(m_b.url().toString());
        dialog->nameEdit()->setText(QStringLiteral("my gateway"));
        dialog->accept();
        QTRY_VERIFY_WITH_TIMEOUT(setup.directory()->find(m_b.url()), 10000);
        QVERIFY(!setup.directory()->find(wrong));
        const auto edited = setup.directory()->entries().at(position); // where it was
        QCOMPARE(edited.url, m_b.url());
        QCOMPARE(edited.name, QStringLiteral("my gateway"));
        QCOMPARE(edited.kind, GatewayKind::Classic);
        QCOMPARE(edited.origin, GatewayDirectory::Origin::User);
        QVERIFY2(dock.messageLabel()->text().startsWith(QStringLiteral("Saved ")),
                 qPrintable(dock.messageLabel()->text()));
        QTRY_VERIFY(!dialog);

        const auto builtIn = setup.directory()->entries().first();
        dock.view()->selectRow(proxyRow(dock, builtIn.url));
        dock.editAction()->trigger();
        QVERIFY(!dock.addDialog());
        QVERIFY2(dock.messageLabel()->text().contains(QStringLiteral("built in")),
                 qPrintable(dock.messageLabel()->text()));
    }

    void removeRefusesABuiltInGatewayWithAReason()
    {
        const QUrl mine = closedPort();
        IsolatedDirectory setup({mine}, true);
        GatewayChooser chooser(setup.directory(), setup.settings());
        GatewayDock dock(&chooser);
        const auto builtIn = setup.directory()->entries().first();
        QCOMPARE(builtIn.origin, GatewayDirectory::Origin::BuiltIn);
        // Not named like the embedded local gateway ("Local gateway"): two rows alike confused.
        QVERIFY2(!builtIn.name.startsWith(QStringLiteral("Local gateway")), qPrintable(builtIn.name));
        dock.view()->selectRow(proxyRow(dock, builtIn.url));
        dock.removeAction()->trigger();
        QVERIFY(setup.directory()->find(builtIn.url));
        QVERIFY2(dock.messageLabel()->text().contains(QStringLiteral("built in")),
                 qPrintable(dock.messageLabel()->text()));
        dock.view()->selectRow(proxyRow(dock, mine));
        dock.removeAction()->trigger();
        QVERIFY(!setup.directory()->find(mine));
        QCOMPARE(dock.model()->rowOf(mine), -1);
        // At once, and undone in one click.
        QVERIFY(dock.undoRemoveAction()->isEnabled());
        dock.undoRemoveAction()->trigger();
        QVERIFY(setup.directory()->find(mine));
        QCOMPARE(setup.directory()->find(mine)->origin, GatewayDirectory::Origin::User);
        QVERIFY(dock.model()->rowOf(mine) >= 0);
        QVERIFY(!dock.undoRemoveAction()->isEnabled());
    }

    void theColumnLayoutIsKept()
    {
        IsolatedDirectory setup({closedPort()});
        GatewayChooser chooser(setup.directory(), setup.settings());
        {
            GatewayDock dock(&chooser);
            dock.view()->horizontalHeader()->resizeSection(GatewayTableModel::Url, 333);
            dock.view()->sortByColumn(GatewayTableModel::Median, Qt::DescendingOrder);
        }
        GatewayDock again(&chooser);
        QCOMPARE(again.view()->horizontalHeader()->sectionSize(GatewayTableModel::Url), 333);
        QCOMPARE(again.sortModel()->sortColumn(), int(GatewayTableModel::Median));
        QCOMPARE(again.sortModel()->sortOrder(), Qt::DescendingOrder);
    }

    void namesAreShownAsTyped()
    {
        const QUrl url = closedPort();
        IsolatedDirectory setup({});
        setup.directory()->add({url, QStringLiteral("<b>x</b>"), {}, GatewayDirectory::Origin::User});
        GatewayChooser chooser(setup.directory(), setup.settings());
        GatewayDock dock(&chooser);
        QCOMPARE(cell(dock, url, GatewayTableModel::Name), QStringLiteral("<b>x</b>"));
        const QString tip = cell(dock, url, GatewayTableModel::Name, Qt::ToolTipRole);
        QVERIFY2(tip.contains(QStringLiteral("&lt;b&gt;x&lt;/b&gt;")) &&
                     !tip.contains(QStringLiteral("<b>x")),
                 qPrintable(tip));
        dock.view()->selectRow(proxyRow(dock, url));
        dock.removeAction()->trigger();
        QCOMPARE(dock.messageLabel()->text(), QStringLiteral("Removed \"<b>x</b>\"."));
        QCOMPARE(dock.messageLabel()->textFormat(), Qt::PlainText);
    }
};

QTEST_MAIN(TestGatewayDock)
#include "tst_gatewaydock.moc"
