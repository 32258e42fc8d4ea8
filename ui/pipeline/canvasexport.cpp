#include "canvasexport.h"

#include "dagcanvas/dagscene.h"
#include "dagcanvas/dagstyle.h"

#include <QBuffer>
#include <QCoreApplication>
#include <QGraphicsItem>
#include <QImage>
#include <QPainter>
#include <QSaveFile>
#include <QSvgGenerator>

namespace edis::ui {

namespace {

constexpr double Margin = 30;
constexpr double PngScale = 2;
constexpr int MaxPngSide = 16000; // bounds memory: 16000² × 4 bytes is the worst case

QString tr(const char *text)
{
    return QCoreApplication::translate("edis::ui::CanvasExport", text);
}

/// Clears the selection while a picture is taken and puts it back afterwards.
class CleanScene {
public:
    explicit CleanScene(widgets::DagScene *scene)
        : scene_(scene)
        , selected_(scene->selectedItems())
    {
        scene_->clearCycleHighlight();
        scene_->clearSelection();
    }
    ~CleanScene()
    {
        for (QGraphicsItem *item : std::as_const(selected_)) {
            item->setSelected(true);
        }
    }
    CleanScene(const CleanScene &) = delete;
    CleanScene &operator=(const CleanScene &) = delete;

private:
    widgets::DagScene *scene_;
    QList<QGraphicsItem *> selected_;
};

QRectF sourceRect(widgets::DagScene *scene)
{
    QRectF contents = scene->contentsRect();
    if (contents.isEmpty()) {
        contents = QRectF(0, 0, 200, 100);
    }
    return contents.adjusted(-Margin, -Margin, Margin, Margin);
}

bool writeAtomically(const QString &path, const QByteArray &bytes, QString *error)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size() || !file.commit()) {
        if (error) {
            *error = tr("Could not write %1: %2").arg(path, file.errorString());
        }
        return false;
    }
    return true;
}

} // namespace

bool exportCanvasPng(widgets::DagScene *scene, const QString &path, QString *error)
{
    const CleanScene clean(scene);
    const QRectF source = sourceRect(scene);
    double scale = PngScale;
    scale = std::min(scale, MaxPngSide / std::max(source.width(), source.height()));
    QImage image((source.size() * scale).toSize(), QImage::Format_ARGB32_Premultiplied);
    if (image.isNull()) {
        if (error) {
            *error = tr("The pipeline is too large to export as a picture.");
        }
        return false;
    }
    image.fill(widgets::dagstyle::canvasBackground());
    {
        QPainter painter(&image);
        painter.setRenderHints(QPainter::Antialiasing | QPainter::TextAntialiasing);
        scene->render(&painter, QRectF(QPointF(), QSizeF(image.size())), source);
    }
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    if (!image.save(&buffer, "PNG")) {
        if (error) {
            *error = tr("Could not encode the picture as PNG.");
        }
        return false;
    }
    return writeAtomically(path, bytes, error);
}

bool exportCanvasSvg(widgets::DagScene *scene, const QString &path, QString *error)
{
    const CleanScene clean(scene);
    const QRectF source = sourceRect(scene);
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    QSvgGenerator generator;
    generator.setOutputDevice(&buffer);
    generator.setSize(source.size().toSize());
    generator.setViewBox(QRectF(QPointF(), source.size()));
    generator.setTitle(tr("EDIS pipeline"));
    generator.setDescription(tr("Exported from EDIS Studio"));
    {
        QPainter painter(&generator);
        painter.setRenderHints(QPainter::Antialiasing | QPainter::TextAntialiasing);
        painter.fillRect(QRectF(QPointF(), source.size()), widgets::dagstyle::canvasBackground());
        scene->render(&painter, QRectF(QPointF(), source.size()), source);
    }
    return writeAtomically(path, bytes, error);
}

} // namespace edis::ui
