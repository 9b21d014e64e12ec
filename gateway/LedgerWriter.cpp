#include "LedgerWriter.h"

#include <QObject>

void LedgerWriter::start(QObject* context)
{
    stop();
    m_context = context;
    m_stopping = false;
    m_thread = std::thread([this] { run(); });
}

void LedgerWriter::stop()
{
    if (!m_thread.joinable())
        return;
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        m_stopping = true;
    }
    m_wake.notify_all();
    m_thread.join();
    m_context = nullptr;
}

void LedgerWriter::enqueue(Op op)
{
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        m_queue.push_back(std::move(op));
    }
    m_wake.notify_one();
}

void LedgerWriter::add(ItemLedger::Row row, Recorded recorded)
{
    enqueue({std::move(row), true, std::move(recorded), nullptr});
}

bool LedgerWriter::addNow(ItemLedger::Row row)
{
    std::promise<bool> committed;
    std::future<bool> result = committed.get_future();
    enqueue({std::move(row), true, {}, &committed});
    return result.get();
}

void LedgerWriter::remove(const QByteArray& key20, quint64 id)
{
    ItemLedger::Row row;
    row.key20 = key20;
    row.id = id;
    enqueue({std::move(row), false, {}, nullptr});
}

void LedgerWriter::run()
{
    std::deque<Op> batch;
    std::unique_lock<std::mutex> lock(m_mutex);
    for (;;) {
        m_wake.wait(lock, [this] { return m_stopping || !m_queue.empty(); });
        if (m_queue.empty())
            return; // stopping, and all written
        if (m_queue.size() <= maxBatch) {
            batch.swap(m_queue);
        } else {
            const auto end = m_queue.begin() + maxBatch;
            batch.assign(std::make_move_iterator(m_queue.begin()), std::make_move_iterator(end));
            m_queue.erase(m_queue.begin(), end);
        }
        lock.unlock();
        write(batch);
        batch.clear(); // the rows' memory is freed here, off the Qt thread
        lock.lock();
    }
}

void LedgerWriter::write(std::deque<Op>& batch)
{
    std::vector<bool> added(batch.size());
    QString error;
    bool ok = m_ledger->begin();
    for (size_t i = 0; ok && i < batch.size(); ++i) {
        if (!batch[i].isAdd) {
            m_ledger->remove(batch[i].row.key20, batch[i].row.id);
            continue;
        }
        added[i] = m_ledger->add(batch[i].row);
        if (!added[i] && error.isEmpty())
            error = m_ledger->lastError();
        // SQLite rolled the transaction back itself (a full disk, an I/O error): the rest of the
        // batch would be committed row by row, and answered 2 all the same.
        if (!added[i] && !m_ledger->inTransaction())
            ok = false;
    }
    if (!ok && error.isEmpty()) // BEGIN failed
        error = m_ledger->lastError();
    ok = ok && m_ledger->commit(&error);
    if (!ok || !error.isEmpty()) // those puts are answered 2: the client tries again or elsewhere
        qWarning("cannot write the ledger: %s", qPrintable(error));
    std::vector<std::pair<Recorded, bool>> answers;
    for (size_t i = 0; i < batch.size(); ++i) {
        Op& op = batch[i];
        const bool recorded = ok && added[i];
        if (op.waiter)
            op.waiter->set_value(recorded);
        else if (op.recorded)
            answers.emplace_back(std::move(op.recorded), recorded);
    }
    // One event for the whole batch, queued to the context's thread.
    if (!answers.empty()) {
        QMetaObject::invokeMethod(
            m_context,
            [answers = std::move(answers)] {
                for (const auto& [recorded, written] : answers)
                    recorded(written);
            },
            Qt::QueuedConnection);
    }
}
