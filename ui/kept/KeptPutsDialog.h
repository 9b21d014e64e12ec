#pragma once

#include <QDialog>

class KeptPutKeeper;
class KeptPutsModel;
class QLabel;
class QPushButton;
class QTableView;

// File > Kept Puts: the puts the browser keeps alive through proxies, what each needs, and a
// way to stop one (its downgrade is sent now, so it ends within 10 minutes).
class KeptPutsDialog : public QDialog
{
    Q_OBJECT
public:
    explicit KeptPutsDialog(KeptPutKeeper* keeper, QWidget* parent = nullptr);

    QTableView* table() const { return m_table; }
    QPushButton* stopButton() const { return m_stop; }

private:
    void stopSelected();
    void updateState();

    KeptPutKeeper* m_keeper;
    KeptPutsModel* m_model;
    QTableView* m_table;
    QLabel* m_empty;
    QPushButton* m_stop;
};
