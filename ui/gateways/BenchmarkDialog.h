#pragma once

#include <QDialog>
#include <QUrl>

class GatewayBenchmark;
class GatewayChooser;
class QCheckBox;
class QLabel;
class QProgressBar;
class QPushButton;
class QSpinBox;

// "Benchmark now": real gets (and optionally puts) on every gateway that answers, at once (see
// GatewayBenchmark), with progress and cancel, then the conclusion in words and an offer to use
// the fastest healthy gateway. Nothing switches unless the user takes the offer. The results
// can be exported as CSV.
class BenchmarkDialog : public QDialog
{
    Q_OBJECT
public:
    explicit BenchmarkDialog(GatewayChooser* chooser, QWidget* parent = nullptr);

    QSpinBox* roundsBox() const { return m_rounds; }
    QCheckBox* putsBox() const { return m_puts; }
    QPushButton* startButton() const { return m_start; }
    QPushButton* useButton() const { return m_use; }
    QPushButton* exportButton() const { return m_export; }
    QProgressBar* progressBar() const { return m_progress; }
    QLabel* conclusionLabel() const { return m_conclusion; }
    GatewayBenchmark* benchmark() const { return m_bench; }

    // Writes the results as CSV; false with *error when the file cannot be written.
    bool exportCsv(const QString& path, QString* error) const;

    void reject() override; // cancels a benchmark under way

private:
    void start();
    void onFinished(bool cancelled);
    void useRecommended();
    void askExport();

    GatewayChooser* m_chooser;
    GatewayBenchmark* m_bench;
    QSpinBox* m_rounds;
    QCheckBox* m_puts;
    QPushButton* m_start;
    QPushButton* m_use;
    QPushButton* m_export;
    QProgressBar* m_progress;
    QLabel* m_conclusion;
    QUrl m_recommended;
};
