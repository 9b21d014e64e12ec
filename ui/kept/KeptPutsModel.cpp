#include "KeptPutsModel.h"

#include "core/kept/KeptPutKeeper.h"
#include "core/kept/KeptPutText.h"

KeptPutsModel::KeptPutsModel(KeptPutKeeper* keeper, QObject* parent)
    : QAbstractTableModel(parent)
    , m_keeper(keeper)
{
    // The keeper's list changes as a whole (a put came, went or was refreshed): a reset is exact.
    connect(keeper, &KeptPutKeeper::changed, this, [this] {
        beginResetModel();
        endResetModel();
    });
    connect(&m_clock, &QTimer::timeout, this, [this] {
        if (rowCount() > 0)
            emit dataChanged(index(0, Needs), index(rowCount() - 1, Needs));
    });
    m_clock.start(std::chrono::minutes(1));
}

int KeptPutsModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_keeper->puts().size());
}

int KeptPutsModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant KeptPutsModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid() || index.row() >= rowCount())
        return {};
    const KeptPut& p = m_keeper->puts().at(index.row());
    if (role == IdRole)
        return p.id;
    if (role == Qt::ToolTipRole && index.column() == Gateway)
        return p.proxy.toString();
    if (role != Qt::DisplayRole)
        return {};
    switch (index.column()) {
    case Key:
        return KeptPutText::key(p);
    case Type:
        return KeptPutText::type(p);
    case EndsAt:
        return KeptPutText::ends(p);
    case Gateway:
        return p.proxy.authority();
    case Needs:
        return KeptPutText::needs(p);
    }
    return {};
}

QVariant KeptPutsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Key:
        return tr("Key");
    case Type:
        return tr("Type");
    case EndsAt:
        return tr("Ends at");
    case Gateway:
        return tr("Through");
    case Needs:
        return tr("Needs");
    }
    return {};
}
