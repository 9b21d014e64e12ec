#pragma once

#include "core/backend/PlainValue.h"

#include <QByteArray>
#include <QPointer>
#include <QTimer>
#include <QWidget>

class FieldNote;
class GatewayBackend;
class PlainValueFields;
class QCheckBox;
class QComboBox;
class QFormLayout;
class ElidingLabel;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class TtlSlider;
class ValueEditor;

// The form for putting a value under the open key: the value (typed or from a file) with its byte
// count, the time to live, an optional secret and the application name. It checks the input as the
// user types, shows each problem in words beside its field, and emits putRequested when the user
// puts; whoever performs the put calls setBusy(true) right away and showResult when it ends.
// "Put as" chooses a classic item (removable, exact TTL) or a plain OpenDHT value for other
// software (a value type and user type; its end is exact to one type lifetime), which only
// gateways that speak the proxy REST API take: the choice is disabled elsewhere, with the reason.
// Nothing the user typed is ever cleared by a check, a put or its result.
class PutPanel : public QWidget
{
    Q_OBJECT
public:
    explicit PutPanel(QWidget* parent = nullptr);

    QByteArray value() const;
    int ttlSeconds() const;
    QByteArray secret() const; // UTF-8; empty: a plain put that cannot be removed
    bool isPlain() const;      // "Put as: plain OpenDHT value"
    // The gateway puts go to: whether it takes plain values, followed as it learns more.
    void setGateway(GatewayBackend* backend);

    // What the value goes under, as the user should read it; empty when no key is open.
    void setTargetKey(const QString& description);
    void setApplication(const QString& name);
    // A put is under way: the Put button is disabled and "Putting…" shown; typing stays possible.
    void setBusy(bool busy);
    // The end of a put: the text is shown as plain text (ok or the specific error) and the
    // panel is no longer busy.
    void showResult(bool ok, const QString& text);
    // What "From file…" does after the dialog: false (and the reason shown) when refused.
    bool loadFile(const QString& path);

    TtlSlider* ttlSlider() const { return m_ttl; }
    QPlainTextEdit* valueEdit() const;
    QLineEdit* secretEdit() const { return m_secret; }
    QPushButton* putButton() const { return m_put; }
    QLabel* resultLabel() const;
    QLabel* byteCounter() const;
    ValueEditor* valueEditor() const { return m_value; }
    // Why the Put button is disabled, or what a put would do.
    QLabel* putStatusLabel() const;
    QLabel* valueNote() const;
    QLabel* secretNote() const;
    QComboBox* putAsCombo() const { return m_putAs; }
    QLabel* putAsNote() const;
    PlainValueFields* plainFields() const { return m_plain; }

signals:
    void putRequested(const QByteArray& value, int ttlSeconds, const QByteArray& secret);
    void plainPutRequested(const PlainValue& value, int ttlSeconds);

private:
    QWidget* buildValueField();
    QWidget* buildTtlField();
    QWidget* buildSecretField();
    void addPutShortcuts();
    void chooseFile();
    void requestPut();
    void onValueChanged();
    void updateState();
    void updatePutAs();
    QString valueProblem(const QByteArray& bytes) const;
    QString statusText() const;
    // Empty when a put can be made now; otherwise why not.
    QString blockingReason(bool formValid) const;

    QFormLayout* m_form;
    QComboBox* m_putAs;
    FieldNote* m_putAsNote;
    PlainValueFields* m_plain;
    QWidget* m_secretField;
    QPointer<GatewayBackend> m_gateway;
    QTimer m_clock; // the end shown for a plain value moves on with the time
    ValueEditor* m_value;
    FieldNote* m_counter;
    FieldNote* m_valueNote;
    TtlSlider* m_ttl;
    FieldNote* m_ttlNote;
    QLineEdit* m_secret;
    QCheckBox* m_showSecret;
    FieldNote* m_secretNote;
    ElidingLabel* m_key; // a text key may be long: elided, whole in its tooltip
    QLabel* m_application;
    QPushButton* m_put;
    QLabel* m_putStatus;
    FieldNote* m_result;
    QString m_fileMessage; // what the last "From file…" did, until the value changes
    bool m_fileRefused = false;
    bool m_hasKey = false;
    bool m_busy = false;
};
