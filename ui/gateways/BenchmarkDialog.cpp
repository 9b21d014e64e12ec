#include "BenchmarkDialog.h"

#include "core/probe/GatewayBenchmark.h"
#include "core/probe/GatewayChooser.h"
#include "core/probe/LatencyProbe.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QFile>
#include <QFileDialog>
#include <QFormLayout>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

BenchmarkDialog::BenchmarkDialog(GatewayChooser* chooser, QWidget* parent)
    : QDialog(parent)
    , m_chooser(chooser)
    , m_bench(new GatewayBenchmark(this))
    , m_rounds(new QSpinBox)
    , m_puts(new QCheckBox(tr("Also &put a short-lived value (%n s) after each get", nullptr,
                              GatewayBenchmark::putTtlSeconds)))
    , m_start(new QPushButton(tr("&Start")))
    , m_use(new QPushButton)
    , m_export(new QPushButton(tr("&Export CSV…")))
    , m_progress(new QProgressBar)
    , m_conclusion(new QLabel)
{
    setWindowTitle(tr("Benchmark Gateways"));
    m_rounds->setRange(1, 100);
    m_rounds->setValue(10);
    m_rounds->setSuffix(tr(" gets"));
    m_conclusion->setTextFormat(Qt::PlainText); // names come from gateways and users
    m_conclusion->setWordWrap(true);
    m_conclusion->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_conclusion->setObjectName(QStringLiteral("benchmarkConclusion"));
    m_use->hide();
    m_export->setEnabled(false);
    m_progress->setValue(0);

    auto* form = new QFormLayout;
    form->addRow(tr("&Rounds:"), m_rounds);
    form->addRow(m_puts);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close);
    buttons->addButton(m_start, QDialogButtonBox::ActionRole);
    buttons->addButton(m_use, QDialogButtonBox::ActionRole);
    buttons->addButton(m_export, QDialogButtonBox::ActionRole);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_progress);
    layout->addWidget(m_conclusion, 1);
    layout->addWidget(buttons);

    connect(buttons, &QDialogButtonBox::rejected, this, &BenchmarkDialog::reject);
    connect(m_start, &QPushButton::clicked, this, &BenchmarkDialog::start);
    connect(m_use, &QPushButton::clicked, this, &BenchmarkDialog::useRecommended);
    connect(m_export, &QPushButton::clicked, this, &BenchmarkDialog::askExport);
    connect(m_bench, &GatewayBenchmark::progress, this, [this](int done, int total) {
        m_progress->setMaximum(std::max(total, 1));
        m_progress->setValue(done);
    });
    connect(m_bench, &GatewayBenchmark::finished, this, &BenchmarkDialog::onFinished);
}

void BenchmarkDialog::start()
{
    if (m_bench->isRunning()) { // the button says Cancel meanwhile
        m_bench->cancel();
        return;
    }
    QList<GatewayBenchmark::Gateway> gateways;
    const LatencyProbe* probe = m_chooser->probe();
    for (int i = 0; i < probe->count(); ++i) {
        const LatencyProbe::Target& t = probe->target(i);
        if (!t.kind || !t.stats.answers())
            continue;
        const auto entry = m_chooser->directory()->find(t.url);
        gateways << GatewayBenchmark::Gateway{
            t.url, entry && !entry->name.isEmpty() ? entry->name : t.url.authority(), *t.kind, t.verdict()};
    }
    if (gateways.isEmpty()) {
        m_conclusion->setText(tr("No gateway answers: there is nothing to measure."));
        return;
    }
    m_bench->setRounds(m_rounds->value());
    m_bench->setPuts(m_puts->isChecked());
    m_use->hide();
    m_export->setEnabled(false);
    m_conclusion->setText(tr("Measuring %n gateways…", nullptr, int(gateways.size())));
    m_start->setText(tr("&Cancel"));
    m_bench->start(gateways);
}

void BenchmarkDialog::onFinished(bool cancelled)
{
    m_start->setText(tr("&Start"));
    const auto current = m_chooser->current();
    const auto conclusion = m_bench->conclude(current ? current->url : QUrl());
    QStringList lines = conclusion.lines;
    if (cancelled)
        lines.prepend(tr("Cancelled: what was measured so far."));
    m_conclusion->setText(lines.join(u'\n'));
    m_export->setEnabled(true);
    m_recommended.clear();
    if (conclusion.fastest >= 0 && conclusion.fastest != conclusion.inUse) {
        const auto& fastest = m_bench->results()[size_t(conclusion.fastest)].gateway;
        m_recommended = fastest.url;
        m_use->setText(tr("&Use %1").arg(fastest.name));
        m_use->show();
    }
}

void BenchmarkDialog::useRecommended()
{
    if (m_recommended.isEmpty())
        return;
    m_chooser->use(m_recommended); // the user's choice: pinned, as a double-click in the table
    m_use->hide();
}

bool BenchmarkDialog::exportCsv(const QString& path, QString* error) const
{
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate) || file.write(m_bench->toCsv()) < 0) {
        *error = file.errorString();
        return false;
    }
    return true;
}

void BenchmarkDialog::askExport()
{
    const QString path = QFileDialog::getSaveFileName(
        this, tr("Export Benchmark"), QStringLiteral("benchmark.csv"), tr("CSV files (*.csv)"));
    if (path.isEmpty())
        return;
    QString error;
    if (!exportCsv(path, &error))
        m_conclusion->setText(m_conclusion->text() + u'\n' + tr("Not exported: %1").arg(error));
}

void BenchmarkDialog::reject()
{
    m_bench->cancel();
    QDialog::reject();
}
