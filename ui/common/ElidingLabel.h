#pragma once

#include <QLabel>

// A one-line plain-text label that may be narrower than its text: it draws the text elided at
// the right and shows the whole of it in its tooltip. A plain QLabel's minimum width is its
// whole text, so one long status (a gateway's URL, an error) would widen the window.
class ElidingLabel : public QLabel
{
    Q_OBJECT
public:
    explicit ElidingLabel(QWidget* parent = nullptr);

    // Sets the text and the matching tooltip (plain text, however it looks).
    void setFullText(const QString& text);

    QSize minimumSizeHint() const override;

protected:
    void paintEvent(QPaintEvent* event) override;
};
