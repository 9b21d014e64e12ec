// The values table's header menu (ui/values/ColumnChooser), as a user meets it in a key's tab:
// the columns shown by default, a column shown and another hidden through the menu, the choice
// remembered by the next tab, and the last column that cannot be hidden.
#include "UiTestSupport.h"
#include "ui/values/ColumnChooser.h"
#include "ui/values/ValuesModel.h"
#include "ui/window/KeyTab.h"

#include <QAction>
#include <QHeaderView>
#include <QMenu>
#include <QStandardPaths>
#include <QTableView>
#include <QTest>

#include <memory>

namespace {

QList<int> hiddenColumns(const QHeaderView* header)
{
    QList<int> hidden;
    for (int c = 0; c < header->count(); ++c) {
        if (header->isSectionHidden(c))
            hidden << c;
    }
    return hidden;
}

std::unique_ptr<KeyTab> openTab()
{
    auto tab = std::make_unique<KeyTab>(DhtKey::parse(QStringLiteral("columns"), DhtKey::Mode::Text));
    tab->show();
    return tab;
}

// Opens the header's menu as a right click does; the menu.
QMenu* openMenu(QHeaderView* header)
{
    emit header->customContextMenuRequested(QPoint(10, 5));
    return header->findChild<QMenu*>();
}

QAction* action(QMenu* menu, const QString& text)
{
    for (QAction* a : menu->actions()) {
        if (a->text() == text)
            return a;
    }
    return nullptr;
}

} // namespace

class TestColumnChooser : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        uitest::clearSettings();
    }

    void defaultsMenuAndRemembered()
    {
        auto tab = openTab();
        QHeaderView* header = tab->view()->horizontalHeader();
        // Shown at first: what tells values apart; hidden: the long id, owner, seq, application.
        const QList<int> defaults{ValuesModel::Id, ValuesModel::Owner, ValuesModel::Seq,
                                  ValuesModel::Application};
        QCOMPARE(hiddenColumns(header), defaults);

        QMenu* menu = openMenu(header);
        QVERIFY(menu);
        QCOMPARE(menu->actions().size(), int(ValuesModel::ColumnCount));
        QAction* owner = action(menu, QStringLiteral("Owner"));
        QAction* size = action(menu, QStringLiteral("Size"));
        QVERIFY(owner && size);
        QVERIFY(!owner->isChecked());
        QVERIFY(size->isChecked());
        owner->trigger(); // shown
        size->trigger();  // hidden
        menu->close();
        QVERIFY(!header->isSectionHidden(ValuesModel::Owner));
        QVERIFY(header->isSectionHidden(ValuesModel::Size));
        QTRY_VERIFY(!header->findChild<QMenu*>()); // the menu goes when closed

        // The next tab (or the next start) shows what the user chose.
        tab.reset();
        tab = openTab();
        header = tab->view()->horizontalHeader();
        QCOMPARE(hiddenColumns(header), QList<int>({ValuesModel::Id, ValuesModel::Size, ValuesModel::Seq,
                                                    ValuesModel::Application}));
        menu = openMenu(header);
        QVERIFY(menu);
        QVERIFY(action(menu, QStringLiteral("Owner"))->isChecked());
        QVERIFY(!action(menu, QStringLiteral("Size"))->isChecked());
        menu->close();
    }

    void lastColumnStays()
    {
        auto tab = openTab();
        QHeaderView* header = tab->view()->horizontalHeader();
        auto* chooser = header->findChild<ColumnChooser*>();
        QVERIFY(chooser);
        for (int c = 0; c < ValuesModel::ColumnCount; ++c)
            chooser->setColumnShown(c, c == ValuesModel::Preview);
        QMenu* menu = openMenu(header);
        QVERIFY(menu);
        // A table without columns has no header to bring them back: the last one cannot go.
        QVERIFY(!action(menu, QStringLiteral("Value"))->isEnabled());
        QVERIFY(action(menu, QStringLiteral("Size"))->isEnabled());
        menu->close();
        uitest::clearSettings();
    }
};

QTEST_MAIN(TestColumnChooser)
#include "tst_columnchooser.moc"
