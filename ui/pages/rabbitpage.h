#pragma once

#include "rabbit/managementsettings.h"
#include "rabbit/managementtypes.h"

#include <QWidget>

#include <optional>

class QLabel;
class QLineEdit;
class QPushButton;
class QSortFilterProxyModel;
class QTabWidget;
class QTableView;
class QTimer;

namespace edis::rabbit {
class ManagementClient;
struct ManagementError;
} // namespace edis::rabbit
namespace edis::widgets {
class StatusIndicator;
} // namespace edis::widgets

namespace edis::ui {

class RabbitBindingModel;
class RabbitExchangeModel;
class RabbitQueueModel;

/// A RabbitMQ node through its management HTTP API: a connection row (URL, user, password,
/// vhost), the node's overview with its alarms, and the vhost's queues, exchanges and bindings
/// in sortable, filterable tables. Every call is asynchronous; while the page is visible it
/// refreshes every few seconds, one refresh at a time, updating rows in place. It needs no Kafka
/// connection. The last URL, user and vhost (never the password) are kept in QSettings.
class RabbitPage : public QWidget {
    Q_OBJECT
public:
    static constexpr int kAutoRefreshMs = 5000;

    explicit RabbitPage(QWidget *parent = nullptr);
    ~RabbitPage() override;

    /// Connects to `settings` (what the form holds after Connect); drops what was shown.
    void connectTo(const rabbit::ManagementSettings &settings);
    /// The form's settings (URL, user, password, vhost).
    rabbit::ManagementSettings formSettings() const;
    rabbit::ManagementClient *client() const { return client_; }
    bool isRefreshing() const { return pending_ > 0; }
    /// The last overview shown, if one came.
    const std::optional<rabbit::Overview> &overview() const { return overview_; }
    /// The queue names the Queues tab shows (after the filter), in the view's order.
    QStringList visibleQueues() const;
    void setFilter(const QString &text);

public Q_SLOTS:
    /// Reloads the overview and the lists; does nothing while a refresh is in flight.
    void refresh();

Q_SIGNALS:
    /// A refresh finished: every answer came (some may have failed).
    void refreshed();
    /// A call failed; the message is shown in the page's status line.
    void failed(const QString &message);

protected:
    void showEvent(QShowEvent *event) override;
    void hideEvent(QHideEvent *event) override;

private:
    QWidget *buildConnectionRow();
    QTableView *makeTable(const QString &objectName, QSortFilterProxyModel *proxy);
    void onConnectClicked();
    void loadForm();
    void saveForm() const;
    void showOverview(const rabbit::Overview &overview);
    void answered(const rabbit::ManagementError *error);
    void updateTabTitles();

    rabbit::ManagementClient *client_ = nullptr;
    std::optional<rabbit::Overview> overview_;
    int pending_ = 0; ///< answers the running refresh still waits for
    std::optional<QString> refreshError_; ///< the running refresh's first failure

    QLineEdit *url_;
    QLineEdit *user_;
    QLineEdit *password_;
    QLineEdit *vhost_;
    QPushButton *connectButton_;
    widgets::StatusIndicator *status_;
    QLabel *overviewLabel_;
    QLabel *alarms_;
    QLineEdit *filter_;
    QPushButton *refreshButton_;
    QTabWidget *tabs_;
    RabbitQueueModel *queues_;
    RabbitExchangeModel *exchanges_;
    RabbitBindingModel *bindings_;
    QSortFilterProxyModel *queuesProxy_;
    QSortFilterProxyModel *exchangesProxy_;
    QSortFilterProxyModel *bindingsProxy_;
    QTableView *queuesView_;
    QTableView *exchangesView_;
    QTableView *bindingsView_;
    QTimer *autoRefresh_;
};

} // namespace edis::ui
