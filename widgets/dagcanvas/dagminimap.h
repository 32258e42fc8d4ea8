#pragma once

#include <QGraphicsView>

namespace edis::widgets {

class DagView;

/// An overview of the whole pipeline drawn from the same scene, with the main view's visible
/// area as a frame; clicking or dragging in it moves the main view there.
class DagMinimap : public QGraphicsView {
    Q_OBJECT
public:
    explicit DagMinimap(DagView *mainView, QWidget *parent = nullptr);

protected:
    void drawBackground(QPainter *painter, const QRectF &rect) override;
    void drawForeground(QPainter *painter, const QRectF &rect) override;
    void mousePressEvent(QMouseEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void wheelEvent(QWheelEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;

private:
    void refit();

    DagView *mainView_;
};

} // namespace edis::widgets
