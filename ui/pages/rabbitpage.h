#pragma once

#include "amqp/settings.h"
#include "rabbit/managementsettings.h"
#include "rabbit/managementtypes.h"
#include "rabbit/ratehistory.h"

#include <QWidget>

#include <memory>
#include <optional>

class QCheckBox;
class QComboBox;
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
namespace edis::profiles {
class ProfileStore;
class SecretStore;
struct RabbitProfile;
} // namespace edis::profiles
namespace edis::util {
class BackgroundWorker;
} // namespace edis::util
namespace edis::widgets {
class StatusIndicator;
} // namespace edis::widgets

namespace edis::ui {

class InspectorPage;
class RabbitBindingModel;
class RabbitManageActions;
class RabbitExchangeModel;
class RabbitQueueModel;
class RabbitRateView;

/// A RabbitMQ node through its management HTTP API: a connection row (URL, user, password,
/// vhost, and the AMQP URL for messages), the node's overview with its alarms, and the vhost's
/// queues, exchanges and bindings in sortable, filterable tables. Every call is asynchronous;
/// while the page is visible it refreshes every few seconds, one refresh at a time, updating rows
/// in place. A stream is read in the page's own inspector (Messages tab) exactly like a Kafka
/// topic; a classic or quorum queue is peeked there after the peek's side effects were shown;
/// Publish opens the publish dialog. It needs no Kafka connection. The last URLs, user and vhost
/// (never the password) are kept in QSettings.
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
    /// What the last AMQP check said: empty while none ran or one runs; the server's product
    /// and version, or the error.
    const std::optional<amqp::Error> &amqpCheck() const { return amqpCheck_; }
    /// The last overview shown, if one came.
    const std::optional<rabbit::Overview> &overview() const { return overview_; }
    /// The queue names the Queues tab shows (after the filter), in the view's order.
    QStringList visibleQueues() const;
    void setFilter(const QString &text);
    /// Where messages are read and published: the AMQP URL field (empty: the management URL's
    /// host on port 5672) with the form's user, password and vhost.
    amqp::Settings amqpSettings() const;
    /// The Messages tab's inspector.
    InspectorPage *inspector() const { return inspector_; }
    /// Create / delete / purge / bind / unbind, with confirmation (off on a read-only connection).
    RabbitManageActions *manageActions() const { return manage_; }
    /// The Rates tab: the selected queue's or exchange's rates and depth over the last hour.
    RabbitRateView *rateView() const { return rateView_; }
    const rabbit::RateHistory &rateHistory() const { return rateHistory_; }
    /// The queue row of `name` as last listed, or null.
    const rabbit::QueueInfo *queueInfo(const QString &name) const;
    /// What a peek of `queue` does to it, for the confirmation before the first peek: requeued,
    /// redelivered, order, and for a quorum queue the delivery count against its limit.
    static QString peekWarning(const rabbit::QueueInfo &queue);
    /// The queue names selected in the Queues tab.
    QStringList selectedQueues() const;

    /// Where saved RabbitMQ connections live (beside the Kafka profiles) and their passwords
    /// (the keychain). Without them the page has no saved connections.
    void setProfileStores(profiles::ProfileStore *store, profiles::SecretStore *secrets);
    /// Saves the form as the connection `name` (replacing the one shown, if any), its password
    /// in the secret store; false with the reason in the status line when it is not valid.
    bool saveProfile(const QString &name);
    /// Fills the form from saved connection `id`, reads its password, then connects.
    void selectProfile(const QString &id);
    /// Forgets saved connection `id` and its password (no confirmation: the button asks).
    void forgetProfile(const QString &id);
    /// The saved connection the form shows, or empty.
    QString currentProfileId() const { return profileId_; }
    /// A read-only connection never writes: no publish (and none of the page's write actions).
    bool isReadOnly() const;

    static constexpr int kDefaultPeekCount = 10;
public Q_SLOTS:
    /// Reloads the overview and the lists; does nothing while a refresh is in flight.
    void refresh();
    /// Reads stream `name` in the Messages tab with the inspector's start and stop settings.
    void readStream(const QString &name);
    /// Peeks `count` messages of queue `name` into the Messages tab (no confirmation: the
    /// Peek button asks first).
    void peekQueue(const QString &name, int count);
    /// Opens the publish dialog for the selected queue (default exchange) or exchange.
    void openPublishDialog();

Q_SIGNALS:
    /// A refresh finished: every answer came (some may have failed).
    void refreshed();
    /// A call failed; the message is shown in the page's status line.
    void failed(const QString &message);
    /// The AMQP check after Connect ended (amqpCheck() tells how).
    void amqpChecked();
    /// A saved connection was added, changed or forgotten.
    void profilesChanged();
    /// What the page now says of the saved connection it shows (after each refresh).
    void profileStateChanged(const QString &profileId, bool good, const QString &text);

protected:
    void showEvent(QShowEvent *event) override;
    void hideEvent(QHideEvent *event) override;

private:
    QWidget *buildConnectionRow();
    QTableView *makeTable(const QString &objectName, QSortFilterProxyModel *proxy);
    void onConnectClicked();
    void takePasswordFromAmqpUrl();
    void loadForm();
    void saveForm() const;
    void showOverview(const rabbit::Overview &overview);
    void answered(const rabbit::ManagementError *error);
    void updateTabTitles();
    void updateMessageActions();
    void pushSelection();
    QWidget *buildProfileRow();
    void fillProfileCombo();
    void onSaveProfileClicked();
    void onForgetProfileClicked();
    void onReadOrPeekClicked();
    void showMessagesTab();
    void showRatesOfSelection();
    /// Opens an AMQP connection off the GUI thread and says in the AMQP line whether it could.
    void checkAmqp();
    void showAmqpCheck(const amqp::Error &error, const QString &server);

    rabbit::ManagementClient *client_ = nullptr;
    std::optional<rabbit::Overview> overview_;
    int pending_ = 0; ///< answers the running refresh still waits for
    std::optional<QString> refreshError_; ///< the running refresh's first failure

    QLineEdit *url_;
    QLineEdit *user_;
    QLineEdit *password_;
    QLineEdit *vhost_;
    QLineEdit *amqpUrl_;
    QPushButton *connectButton_;
    widgets::StatusIndicator *status_;
    widgets::StatusIndicator *amqpStatus_;
    std::unique_ptr<util::BackgroundWorker> amqpProbe_;
    std::optional<amqp::Error> amqpCheck_;
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
    QPushButton *readButton_;
    QPushButton *publishButton_;
    InspectorPage *inspector_;
    rabbit::RateHistory rateHistory_;
    RabbitRateView *rateView_;
    RabbitManageActions *manage_;
    bool refreshAgain_ = false; ///< a change came while a refresh ran: one more when it ends
    bool peekConfirmed_ = false; ///< the side effects were accepted once this session
    profiles::ProfileStore *profileStore_ = nullptr;
    profiles::SecretStore *secretStore_ = nullptr;
    QString profileId_;
    QComboBox *profiles_;
    QPushButton *saveProfile_;
    QPushButton *forgetProfile_;
    QCheckBox *readOnly_;
};

} // namespace edis::ui
