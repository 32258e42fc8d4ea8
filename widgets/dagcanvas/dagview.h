#pragma once

#include <QGraphicsView>

namespace edis::widgets {

class DagMinimap;
class DagScene;

/// The canvas view: a subtle grid, zoom with the wheel and Ctrl +/-, fit to contents, pan with
/// the middle mouse button or space + drag, rubber-band selection, a minimap in the corner,
/// and drops of palette nodes (NodeTypeMimeType) reported as nodeDropped().
class DagView : public QGraphicsView {
    Q_OBJECT
public:
    explicit DagView(DagScene *scene, QWidget *parent = nullptr);

    DagScene *dagScene() const { return scene_; }
    DagMinimap *minimap() const { return minimap_; }
    double zoom() const { return transform().m11(); }
    void setMinimapVisible(bool visible);

    static constexpr double MinZoom = 0.15;
    static constexpr double MaxZoom = 3.0;

public Q_SLOTS:
    void zoomIn();
    void zoomOut();
    void resetZoom();
    /// Shows every node (at most at 100 %).
    void fitToContents();
    void setZoom(double factor);
    void centreOnNode(quint64 id);

Q_SIGNALS:
    void zoomChanged(double factor);
    /// A catalogue node type was dropped at `scenePos` (not snapped).
    void nodeDropped(const QString &typeId, const QPointF &scenePos);

protected:
    void drawBackground(QPainter *painter, const QRectF &rect) override;
    void wheelEvent(QWheelEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;
    void keyReleaseEvent(QKeyEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void mouseReleaseEvent(QMouseEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;
    void scrollContentsBy(int dx, int dy) override;
    void dragEnterEvent(QDragEnterEvent *event) override;
    void dragMoveEvent(QDragMoveEvent *event) override;
    void dropEvent(QDropEvent *event) override;
    void focusOutEvent(QFocusEvent *event) override;

private:
    void zoomBy(double factor);
    void placeMinimap();

    DagScene *scene_;
    DagMinimap *minimap_;
    bool spaceHeld_ = false;
    bool panning_ = false;
    QPoint panLast_;
};

} // namespace edis::widgets
