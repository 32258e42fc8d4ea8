#include "dagminimap.h"

#include "dagscene.h"
#include "dagstyle.h"
#include "dagview.h"

#include <QMouseEvent>
#include <QTimer>

namespace edis::widgets {

DagMinimap::DagMinimap(DagView *mainView, QWidget *parent)
    : QGraphicsView(mainView->scene(), parent)
    , mainView_(mainView)
{
    setInteractive(false);
    setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    setRenderHints(QPainter::Antialiasing);
    setFrameShape(QFrame::Box);
    setStyleSheet(
        QStringLiteral("DagMinimap, QGraphicsView { border: 1px solid #c8cdd5; border-radius: 4px; }"));
    setToolTip(tr("Overview: click or drag to move the view"));
    setCursor(Qt::PointingHandCursor);
    setFocusPolicy(Qt::NoFocus);
    // Refit once per event-loop turn however many items changed.
    auto *refitTimer = new QTimer(this);
    refitTimer->setSingleShot(true);
    refitTimer->setInterval(0);
    connect(refitTimer, &QTimer::timeout, this, &DagMinimap::refit);
    connect(scene(), &QGraphicsScene::changed, refitTimer, qOverload<>(&QTimer::start));
}

void DagMinimap::refit()
{
    auto *dag = static_cast<DagScene *>(scene());
    QRectF contents = dag->contentsRect();
    if (contents.isEmpty()) {
        contents = QRectF(-200, -150, 400, 300);
    }
    fitInView(contents.adjusted(-60, -60, 60, 60), Qt::KeepAspectRatio);
    viewport()->update();
}

void DagMinimap::resizeEvent(QResizeEvent *event)
{
    QGraphicsView::resizeEvent(event);
    refit();
}

void DagMinimap::drawBackground(QPainter *painter, const QRectF &rect)
{
    painter->fillRect(rect, QColor(255, 255, 255, 235));
}

void DagMinimap::drawForeground(QPainter *painter, const QRectF &)
{
    const QRectF visible = mainView_->mapToScene(mainView_->viewport()->rect()).boundingRect();
    QColor fill = dagstyle::selectionColor();
    fill.setAlpha(30);
    painter->setBrush(fill);
    painter->setPen(QPen(dagstyle::selectionColor(), 0));
    painter->drawRect(visible);
}

void DagMinimap::mousePressEvent(QMouseEvent *event)
{
    mainView_->centerOn(mapToScene(event->position().toPoint()));
    viewport()->update();
    event->accept();
}

void DagMinimap::mouseMoveEvent(QMouseEvent *event)
{
    if (event->buttons() & Qt::LeftButton) {
        mainView_->centerOn(mapToScene(event->position().toPoint()));
        viewport()->update();
    }
    event->accept();
}

void DagMinimap::wheelEvent(QWheelEvent *event)
{
    event->accept(); // the overview always shows everything
}

} // namespace edis::widgets
