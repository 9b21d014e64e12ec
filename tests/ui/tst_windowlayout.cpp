// The window from 800x500 to 1600x1000, as a user of a small laptop or a large screen meets it:
// real widgets on the offscreen platform over a real opendht-gateway holding long values, and
// the geometry of what the user must read and reach.
#include "UiTestSupport.h"
#include "WindowTestSupport.h"
#include "support/GatewayProcess.h"

#include "ui/gateways/GatewayDock.h"
#include "ui/put/PutPanel.h"
#include "ui/values/ValueViewer.h"
#include "ui/values/ValuesModel.h"
#include "ui/window/DockArrangement.h"
#include "ui/window/HelpMenu.h"
#include "ui/window/KeysDock.h"
#include "ui/window/WelcomePage.h"

#include <QApplication>
#include <QComboBox>
#include <QDialog>
#include <QDockWidget>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QScreen>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTableView>
#include <QTableWidget>
#include <QTest>
#include <QToolButton>

using namespace windowtest;

namespace {

// Widths a user needs, in pixels at the default font: a key of about 25 characters, a value
// preview of about 15, and a Put button with its whole label.
constexpr int keyFieldMin = 200;
constexpr int valueColumnMin = 110;
constexpr int putButtonMin = 60;

QDockWidget* dockOf(QWidget* w)
{
    while (w && !qobject_cast<QDockWidget*>(w))
        w = w->parentWidget();
    return qobject_cast<QDockWidget*>(w);
}

// The part of w the user can see, in window coordinates (empty when hidden or scrolled away).
QRect shownRect(QWidget* w, QWidget* window)
{
    if (!w->isVisible() || w->visibleRegion().isEmpty())
        return {};
    const QRect r = w->visibleRegion().boundingRect();
    return QRect(w->mapTo(window, r.topLeft()), r.size());
}

// The Value column's width as shown, not as asked for.
int valueColumnShown(KeyTab* tab)
{
    QTableView* view = tab->view();
    const int x = view->columnViewportPosition(ValuesModel::Preview);
    const int w = view->columnWidth(ValuesModel::Preview);
    return qMax(0, qMin(x + w, view->viewport()->width()) - qMax(x, 0));
}

bool settle(MainWindow& window, const QSize& size)
{
    window.resize(size);
    const bool ok = QTest::qWaitFor([&] { return window.size() == size; }, 5000);
    if (!ok)
        qWarning() << "window" << window.size() << "minimum" << window.minimumSizeHint()
                   << window.centralWidget()->minimumSizeHint();
    return ok;
}

QString describe(const QWidget* w)
{
    return QStringLiteral("%1 %2,%3 %4x%5")
        .arg(QString::fromLatin1(w->metaObject()->className()))
        .arg(w->x())
        .arg(w->y())
        .arg(w->width())
        .arg(w->height());
}

} // namespace

class TestWindowLayout : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void cleanupTestCase();
    void fitsASmallWindow();
    void largeWindowSideBySide();
    void docksFollowTheWidth();
    void longTextDoesNotWidenTheWindow();
    void firstStartSaysWhatToDo();
    void helpListsTheShortcutsOfTheActions();
    void watchActionFollowsTheTab();
    void filterSaysHowManyItShows();

private:
    KeyTab* openWithValues(MainWindow& window);
    GatewayProcess m_gateway;
};

void TestWindowLayout::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    // Run at scale 2 as well (ctest ui.tst_windowlayout_scale2): the scale must be the one asked for.
    const double scale = qEnvironmentVariable("QT_SCALE_FACTOR", QStringLiteral("1")).toDouble();
    QCOMPARE(qApp->devicePixelRatio(), scale);
    // There, on a screen the largest window fits (4K: 1920x1080 logical pixels).
    if (scale != 1)
        QVERIFY(QGuiApplication::primaryScreen()->geometry().contains(QRect(0, 0, 1600, 1000)));
    QString error;
    QVERIFY2(m_gateway.start(&error), qPrintable(error));
}

void TestWindowLayout::cleanupTestCase()
{
    m_gateway.stop();
}

KeyTab* TestWindowLayout::openWithValues(MainWindow& window)
{
    KeyTab* tab = fetchKey(window, QStringLiteral("layout/long values"));
    if (!tab)
        return nullptr;
    if (tab->model()->rowCount() == 0) {
        for (const char* value : {"{\"user\": \"alice\", \"status\": \"online\", \"since\": \"2026-12-01\"}",
                                  "bob: reviewing the gateway patch, back at 14:00"}) {
            QSignalSpy put(tab, &KeyTab::putFinished);
            tab->put(value, 3600, {});
            if (!put.wait(15000) || !put.first().first().toBool())
                return nullptr;
        }
    }
    return QTest::qWaitFor([&] { return tab->model()->rowCount() >= 2; }, 10000) ? tab : nullptr;
}

void TestWindowLayout::fitsASmallWindow()
{
    MainWindow window(onGateway(m_gateway.url()));
    window.show();
    QVERIFY(usesGateway(window, m_gateway.url()));
    KeyTab* tab = openWithValues(window);
    QVERIFY(tab);
    // The window may be made that small: nothing inside asks for more.
    QVERIFY(settle(window, {800, 500}));
    QTRY_VERIFY(window.dockArrangement()->isCompact());

    KeyBar* bar = window.keyBar();
    // Docks moved from the side to the bottom are laid out at the next pass of the event loop
    // (a window that starts wide, as on the 4K screen of the scale-2 run, goes through that).
    QTRY_VERIFY2(bar->keyEdit()->width() >= keyFieldMin, qPrintable(describe(bar->keyEdit())));
    // Nothing in the key bar overlaps anything else, and all of it is inside the window.
    const QList<QWidget*> parts{bar->modeBox(),      bar->keyEdit(),        bar->fetchButton(),
                                bar->newTabButton(), bar->bookmarkButton(), bar->bookmarksMenuButton(),
                                bar->hashLabel(),    bar->copyButton()};
    for (QWidget* a : parts) {
        const QRect ra = shownRect(a, &window);
        QVERIFY2(!ra.isEmpty() && window.rect().contains(ra), qPrintable(describe(a)));
        for (QWidget* b : parts) {
            if (a != b)
                QVERIFY2(!ra.intersects(shownRect(b, &window)),
                         qPrintable(describe(a) + u" / " + describe(b)));
        }
    }
    // The hash is readable whole, beside its Copy button rather than under it.
    QVERIFY(bar->hashLabel()->width() >=
            bar->hashLabel()->fontMetrics().horizontalAdvance(bar->hashLabel()->text()));

    QVERIFY2(valueColumnShown(tab) >= valueColumnMin, qPrintable(QString::number(valueColumnShown(tab))));
    QVERIFY(!shownRect(tab->viewer(), &window).isEmpty());

    // The put dock is in front, its button whole and reachable.
    QPushButton* put = window.putPanel()->putButton();
    QDockWidget* putDock = dockOf(window.putPanel());
    QVERIFY(putDock);
    QCOMPARE(window.dockWidgetArea(putDock), Qt::BottomDockWidgetArea);
    QVERIFY(window.tabifiedDockWidgets(putDock).contains(window.gatewayDock()));
    QVERIFY(!putDock->visibleRegion().isEmpty());
    QVERIFY(put->width() >= putButtonMin);
    QVERIFY(put->width() >= put->fontMetrics().horizontalAdvance(put->text().remove(u'&')));
    // The side panel of keys is a tab beside it, one click away.
    QVERIFY(window.tabifiedDockWidgets(putDock).contains(window.keysDock()));
}

void TestWindowLayout::largeWindowSideBySide()
{
    MainWindow window(onGateway(m_gateway.url()));
    window.resize(1600, 1000);
    window.show();
    QVERIFY(usesGateway(window, m_gateway.url()));
    KeyTab* tab = openWithValues(window);
    QVERIFY(tab);
    QVERIFY(settle(window, {1600, 1000}));
    QVERIFY(!window.dockArrangement()->isCompact());
    QDockWidget* putDock = dockOf(window.putPanel());
    QCOMPARE(window.dockWidgetArea(putDock), Qt::RightDockWidgetArea);
    QCOMPARE(window.dockWidgetArea(window.gatewayDock()), Qt::BottomDockWidgetArea);
    QVERIFY(window.tabifiedDockWidgets(putDock).isEmpty());
    // The put panel shown whole: nothing scrolled sideways, nothing cut at the right.
    QVERIFY(window.putPanel()->width() >= window.putPanel()->minimumSizeHint().width());
    QVERIFY(window.rect().contains(shownRect(window.putPanel()->putButton(), &window)));
    // Room for several gateways in the table, and a wide Value column.
    QTableView* gateways = window.gatewayDock()->view();
    QVERIFY2(gateways->viewport()->height() >= 4 * gateways->verticalHeader()->defaultSectionSize(),
             qPrintable(describe(gateways)));
    QVERIFY(valueColumnShown(tab) >= 3 * valueColumnMin);
    // The side panel of keys beside the values, above the put panel, both shown whole.
    QDockWidget* keys = window.keysDock();
    QCOMPARE(window.dockWidgetArea(keys), Qt::RightDockWidgetArea);
    QVERIFY(window.tabifiedDockWidgets(keys).isEmpty());
    QVERIFY(!keys->visibleRegion().isEmpty());
    QVERIFY2(keys->width() >= keyFieldMin, qPrintable(describe(keys)));
    QVERIFY2(keys->height() >= 8 * keys->fontMetrics().height(), qPrintable(describe(keys)));
    QVERIFY(keys->geometry().bottom() < putDock->geometry().top());
    QVERIFY(keys->geometry().left() > tab->mapTo(&window, QPoint(tab->width(), 0)).x());
}

void TestWindowLayout::docksFollowTheWidth()
{
    MainWindow window(onGateway(m_gateway.url()));
    window.resize(1400, 900);
    window.show();
    QDockWidget* putDock = dockOf(window.putPanel());
    QVERIFY(settle(window, {1400, 900}));
    QCOMPARE(window.dockWidgetArea(putDock), Qt::RightDockWidgetArea);
    QVERIFY(settle(window, {900, 600}));
    QTRY_COMPARE(window.dockWidgetArea(putDock), Qt::BottomDockWidgetArea);
    QVERIFY(window.tabifiedDockWidgets(putDock).contains(window.gatewayDock()));
    QVERIFY(settle(window, {1400, 900}));
    QTRY_COMPARE(window.dockWidgetArea(putDock), Qt::RightDockWidgetArea);
    QVERIFY(window.tabifiedDockWidgets(putDock).isEmpty());
    // A dock the user moved stays while the width stays on one side of the line.
    window.addDockWidget(Qt::LeftDockWidgetArea, putDock);
    QVERIFY(settle(window, {1300, 800}));
    QCOMPARE(window.dockWidgetArea(putDock), Qt::LeftDockWidgetArea);
}

void TestWindowLayout::longTextDoesNotWidenTheWindow()
{
    MainWindow window(onGateway(m_gateway.url()));
    window.show();
    QVERIFY(usesGateway(window, m_gateway.url()));
    QVERIFY(settle(window, {800, 500}));
    // A long key (its error says so at length), a long status message, a long text key in the
    // put dock: the window keeps the size the user gave it.
    const int hex = window.keyBar()->modeBox()->findData(int(DhtKey::Mode::Hex));
    QVERIFY(hex >= 0);
    window.keyBar()->modeBox()->setCurrentIndex(hex);
    window.keyBar()->keyEdit()->setText(QString(300, u'a'));
    QTRY_VERIFY(!window.keyBar()->errorLabel()->text().isEmpty());
    window.keyBar()->modeBox()->setCurrentIndex(0);
    typeKey(window, QString(400, u'k'));
    QTRY_VERIFY(window.currentTab());
    emit window.activeGateway()->message(QString(60, u'x') + QStringLiteral(" ") + QString(2000, u'y'));
    QTest::qWait(0);
    QCOMPARE(window.size(), QSize(800, 500));
    QVERIFY(window.minimumSizeHint().width() <= 800);
    QVERIFY(window.minimumSizeHint().height() <= 500);
}

void TestWindowLayout::firstStartSaysWhatToDo()
{
    uitest::forgetKeySettings();
    MainWindow window(onGateway(m_gateway.url()));
    window.show();
    QVERIFY(!window.currentTab());
    QWidget* welcome = window.welcomePage();
    QVERIFY(welcome->isVisible());
    QStringList said;
    for (const QLabel* label : welcome->findChildren<QLabel*>()) {
        QCOMPARE(label->textFormat(), Qt::PlainText);
        said << label->text();
    }
    QVERIFY2(said.join(u' ').contains(QStringLiteral("Type a key")), qPrintable(said.join(u'|')));
    QVERIFY(said.join(u' ').contains(QStringLiteral("local gateway")));

    auto* example = welcome->findChild<QPushButton*>(QStringLiteral("exampleButton"));
    QVERIFY(example);
    QTest::mouseClick(example, Qt::LeftButton);
    QVERIFY(window.currentTab());
    QCOMPARE(window.currentTab()->key().input(), WelcomePage::exampleKey());
    QVERIFY(!welcome->isVisible());
    QTRY_VERIFY_WITH_TIMEOUT(window.currentTab()->hasFetched(), 15000);

    // Closing the last tab brings it back, with the key just used to click again.
    QTest::keySequence(&window, QKeySequence::Close);
    QTRY_VERIFY(welcome->isVisible());
    QPushButton* recent = nullptr;
    for (QPushButton* button : welcome->findChildren<QPushButton*>()) {
        if (button != example && button->text().startsWith(WelcomePage::exampleKey()))
            recent = button;
    }
    QVERIFY(recent);
    QTest::mouseClick(recent, Qt::LeftButton);
    QVERIFY(window.currentTab());
    QCOMPARE(window.currentTab()->key().input(), WelcomePage::exampleKey());
}

void TestWindowLayout::helpListsTheShortcutsOfTheActions()
{
    MainWindow window(onGateway(m_gateway.url()));
    window.show();
    const auto list = HelpMenu::shortcuts(&window);
    QStringList lines;
    for (const auto& [action, keys] : list)
        lines << action + u'=' + keys;
    // Built from the actions themselves: each of these is there with its own keys.
    const auto keys = [](QKeySequence::StandardKey key) {
        return QKeySequence(key).toString(QKeySequence::NativeText);
    };
    const QStringList wanted{QStringLiteral("Key > Fetch Again=") + keys(QKeySequence::Refresh),
                             QStringLiteral("File > New Tab=") + keys(QKeySequence::AddTab),
                             QStringLiteral("Edit > Filter Values=") + keys(QKeySequence::Find)};
    for (const QString& expected : wanted)
        QVERIFY2(lines.contains(expected), qPrintable(expected + u'\n' + lines.join(u'\n')));
    // The dialog lists them all; About names the versions, as plain text.
    auto* help = window.findChild<HelpMenu*>();
    QVERIFY(help);
    help->shortcutsAction()->trigger();
    auto* dialog = window.findChild<QDialog*>(QStringLiteral("shortcutsDialog"));
    QVERIFY(dialog);
    QCOMPARE(dialog->findChild<QTableWidget*>()->rowCount(), int(list.size()));
    dialog->close();
    help->aboutAction()->trigger();
    auto* about = window.findChild<QMessageBox*>(QStringLiteral("aboutBox"));
    QVERIFY(about);
    QCOMPARE(about->textFormat(), Qt::PlainText);
    QVERIFY2(about->text().contains(QStringLiteral("Qt ") + QString::fromLatin1(qVersion())),
             qPrintable(about->text()));
    QVERIFY(about->text().contains(QStringLiteral("libopendht 2.")));
    about->close();
}

void TestWindowLayout::watchActionFollowsTheTab()
{
    MainWindow window(onGateway(m_gateway.url()));
    window.show();
    QVERIFY(usesGateway(window, m_gateway.url()));
    KeyTab* tab = fetchKey(window, QStringLiteral("layout/watched"));
    QVERIFY(tab);
    auto* watch = window.findChild<QAction*>(QStringLiteral("watchAction"));
    QVERIFY(watch);
    QVERIFY(!watch->isChecked());
    tab->setWatching(true); // as the tab's own Watch button does
    QVERIFY(watch->isChecked());
    tab->setWatching(false);
    QVERIFY(!watch->isChecked());
}

void TestWindowLayout::filterSaysHowManyItShows()
{
    MainWindow window(onGateway(m_gateway.url()));
    window.show();
    QVERIFY(usesGateway(window, m_gateway.url()));
    KeyTab* tab = openWithValues(window);
    QVERIFY(tab);
    const int all = tab->model()->rowCount();
    QLineEdit* filter = nullptr;
    for (QLineEdit* edit : tab->findChildren<QLineEdit*>()) {
        if (edit->placeholderText().startsWith(QStringLiteral("Filter values")))
            filter = edit;
    }
    QVERIFY(filter);
    QTest::keyClicks(filter, QStringLiteral("bob"));
    QCOMPARE(tab->view()->model()->rowCount(), 1);
    QVERIFY2(tab->stateLabel()->text().endsWith(QStringLiteral("1 of %1 shown by the filter").arg(all)),
             qPrintable(tab->stateLabel()->text()));
    filter->clear();
    QVERIFY2(!tab->stateLabel()->text().contains(QStringLiteral("filter")),
             qPrintable(tab->stateLabel()->text()));
}

QTEST_MAIN(TestWindowLayout)
#include "tst_windowlayout.moc"
