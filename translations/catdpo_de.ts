<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE" sourcelanguage="en">
<context>
    <name>catdpo::ui::AboutDialog</name>
    <message>
        <source>&lt;h3&gt;%1 %2&lt;/h3&gt;&lt;p&gt;Safety alignment with per-category adaptive margins (Cat-DPO) and the methods it is compared with.&lt;/p&gt;&lt;p&gt;LibTorch %3 &amp;middot; %4 &amp;middot; %5&lt;/p&gt;</source>
        <translation>&lt;h3&gt;%1 %2&lt;/h3&gt;&lt;p&gt;Sicherheitsausrichtung mit kategorieweise adaptiven Margen (Cat-DPO) und den Vergleichsverfahren.&lt;/p&gt;&lt;p&gt;LibTorch %3 &amp;middot; %4 &amp;middot; %5&lt;/p&gt;</translation>
    </message>
    <message numerus="yes">
        <source>%n CUDA device(s)</source>
        <translation>
            <numerusform>%n CUDA-Gerät</numerusform>
            <numerusform>%n CUDA-Geräte</numerusform>
        </translation>
    </message>
    <message>
        <source>CPU</source>
        <translation>CPU</translation>
    </message>
    <message>
        <source>About Cat-DPO Studio</source>
        <translation>Über Cat-DPO Studio</translation>
    </message>
</context>
<context>
    <name>catdpo::ui::CategoryBarChart</name>
    <message>
        <source>Step %1</source>
        <translation>Schritt %1</translation>
    </message>
    <message>
        <source>%1: no category observed</source>
        <translation>%1: keine Kategorie beobachtet</translation>
    </message>
    <message>
        <source>%1: Macro %2 % · Worst-3 %3 % · Gap %4 pp · Variance (×10³) %5</source>
        <translation>%1: Makro %2 % · Schlechteste 3 %3 % · Spanne %4 Pp. · Varianz (×10³) %5</translation>
    </message>
    <message>
        <source>No evaluation yet</source>
        <translation>Noch keine Auswertung</translation>
    </message>
    <message>
        <source>Implicit safety accuracy (%)</source>
        <translation>Implizite Sicherheitsgenauigkeit (%)</translation>
    </message>
    <message>
        <source>Implicit P(safe preferred) (%)</source>
        <translation>Implizite P(sichere bevorzugt) (%)</translation>
    </message>
    <message>
        <source>Safe ratio (%)</source>
        <translation>Anteil sicher (%)</translation>
    </message>
    <message>
        <source>%1
%2: %3 %</source>
        <translation>%1
%2: %3 %</translation>
    </message>
</context>
<context>
    <name>catdpo::ui::CategorySeriesPlot</name>
    <message>
        <source>λ_k (safety margin)</source>
        <translation>λ_k (Sicherheitsmarge)</translation>
    </message>
    <message>
        <source>g_k (P(unsafe preferred))</source>
        <translation>g_k (P(unsichere bevorzugt))</translation>
    </message>
    <message>
        <source>Category loss</source>
        <translation>Verlust der Kategorie</translation>
    </message>
    <message>
        <source>Group weight α_k</source>
        <translation>Gruppengewicht α_k</translation>
    </message>
    <message>
        <source>Category %1</source>
        <translation>Kategorie %1</translation>
    </message>
</context>
<context>
    <name>catdpo::ui::LivePage</name>
    <message>
        <source>Training</source>
        <translation>Training</translation>
    </message>
    <message>
        <source>&amp;Start</source>
        <translation>&amp;Starten</translation>
    </message>
    <message>
        <source>Start training (F5)</source>
        <translation>Training starten (F5)</translation>
    </message>
    <message>
        <source>&amp;Pause</source>
        <translation>&amp;Pausieren</translation>
    </message>
    <message>
        <source>Pause after the current step (F6)</source>
        <translation>Nach dem laufenden Schritt pausieren (F6)</translation>
    </message>
    <message>
        <source>&amp;Resume</source>
        <translation>&amp;Fortsetzen</translation>
    </message>
    <message>
        <source>Resume a paused run (F7)</source>
        <translation>Einen pausierten Lauf fortsetzen (F7)</translation>
    </message>
    <message>
        <source>S&amp;top</source>
        <translation>S&amp;toppen</translation>
    </message>
    <message>
        <source>Stop the run and keep its latest checkpoint (Shift+F5)</source>
        <translation>Den Lauf stoppen und seinen letzten Checkpoint behalten (Umschalt+F5)</translation>
    </message>
    <message>
        <source>Safety margin λ_k per category</source>
        <translation>Sicherheitsmarge λ_k je Kategorie</translation>
    </message>
    <message>
        <source>SafeDPO Δ = %1</source>
        <translation>SafeDPO Δ = %1</translation>
    </message>
    <message>
        <source>g_k: implicit probability of preferring the unsafe response</source>
        <translation>g_k: implizite Wahrscheinlichkeit, die unsichere Antwort zu bevorzugen</translation>
    </message>
    <message>
        <source>Loss, rewards and accuracy</source>
        <translation>Verlust, Belohnungen und Genauigkeit</translation>
    </message>
    <message>
        <source>Per-category safety at the latest evaluation</source>
        <translation>Sicherheit je Kategorie bei der letzten Auswertung</translation>
    </message>
</context>
<context>
    <name>catdpo::ui::LogPanel</name>
    <message>
        <source>Clear</source>
        <translation>Leeren</translation>
    </message>
    <message>
        <source>Clear the log</source>
        <translation>Das Protokoll leeren</translation>
    </message>
    <message>
        <source>Warning: </source>
        <translation>Warnung: </translation>
    </message>
    <message>
        <source>Error: </source>
        <translation>Fehler: </translation>
    </message>
</context>
<context>
    <name>catdpo::ui::MainWindow</name>
    <message>
        <source>Cat-DPO Studio</source>
        <translation>Cat-DPO Studio</translation>
    </message>
    <message>
        <source>Log</source>
        <translation>Protokoll</translation>
    </message>
    <message>
        <source>Ready</source>
        <translation>Bereit</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Ansicht</translation>
    </message>
    <message>
        <source>&amp;Welcome</source>
        <translation>&amp;Willkommen</translation>
    </message>
    <message>
        <source>&amp;Live training</source>
        <translation>&amp;Live-Training</translation>
    </message>
    <message>
        <source>Show &amp;log</source>
        <translation>&amp;Protokoll anzeigen</translation>
    </message>
    <message>
        <source>&amp;Training</source>
        <translation>&amp;Training</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <source>&amp;About Cat-DPO Studio</source>
        <translation>Ü&amp;ber Cat-DPO Studio</translation>
    </message>
</context>
<context>
    <name>catdpo::ui::PlotExportDialog</name>
    <message>
        <source>Export plot</source>
        <translation>Diagramm exportieren</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>Durchsuchen…</translation>
    </message>
    <message>
        <source>&amp;File:</source>
        <translation>&amp;Datei:</translation>
    </message>
    <message>
        <source>PNG image</source>
        <translation>PNG-Bild</translation>
    </message>
    <message>
        <source>PDF document (vector)</source>
        <translation>PDF-Dokument (Vektor)</translation>
    </message>
    <message>
        <source>SVG drawing (vector)</source>
        <translation>SVG-Zeichnung (Vektor)</translation>
    </message>
    <message>
        <source>F&amp;ormat:</source>
        <translation>F&amp;ormat:</translation>
    </message>
    <message>
        <source> px</source>
        <translation> px</translation>
    </message>
    <message>
        <source>&amp;Size:</source>
        <translation>&amp;Größe:</translation>
    </message>
    <message>
        <source> DPI</source>
        <translation> DPI</translation>
    </message>
    <message>
        <source>Higher DPI draws text and lines smaller relative to the image, for print. 96 DPI matches the screen.</source>
        <translation>Höhere DPI zeichnen Text und Linien im Verhältnis zum Bild kleiner, für den Druck. 96 DPI entsprechen dem Bildschirm.</translation>
    </message>
    <message>
        <source>&amp;Resolution:</source>
        <translation>&amp;Auflösung:</translation>
    </message>
    <message>
        <source>PNG image (*.png);;PDF document (*.pdf);;SVG drawing (*.svg)</source>
        <translation>PNG-Bild (*.png);;PDF-Dokument (*.pdf);;SVG-Zeichnung (*.svg)</translation>
    </message>
    <message>
        <source>Printed size: %1 × %2 cm</source>
        <translation>Druckgröße: %1 × %2 cm</translation>
    </message>
</context>
<context>
    <name>catdpo::ui::PlotWidget</name>
    <message>
        <source>Export…</source>
        <translation>Exportieren…</translation>
    </message>
    <message>
        <source>Save this plot as PNG, PDF or SVG</source>
        <translation>Dieses Diagramm als PNG, PDF oder SVG speichern</translation>
    </message>
    <message>
        <source>Export failed</source>
        <translation>Export fehlgeschlagen</translation>
    </message>
</context>
<context>
    <name>catdpo::ui::ScalarSeriesPlot</name>
    <message>
        <source>Loss, reward, accuracy</source>
        <translation>Verlust, Belohnung, Genauigkeit</translation>
    </message>
    <message>
        <source>Learning rate</source>
        <translation>Lernrate</translation>
    </message>
    <message>
        <source>Loss</source>
        <translation>Verlust</translation>
    </message>
    <message>
        <source>Reward chosen</source>
        <translation>Belohnung gewählt</translation>
    </message>
    <message>
        <source>Reward rejected</source>
        <translation>Belohnung abgelehnt</translation>
    </message>
    <message>
        <source>Reward margin</source>
        <translation>Belohnungsabstand</translation>
    </message>
    <message>
        <source>Accuracy</source>
        <translation>Genauigkeit</translation>
    </message>
    <message>
        <source>Mean z</source>
        <translation>Mittleres z</translation>
    </message>
    <message>
        <source>Gradient norm</source>
        <translation>Gradientennorm</translation>
    </message>
    <message>
        <source>Learning rate (right axis)</source>
        <translation>Lernrate (rechte Achse)</translation>
    </message>
</context>
<context>
    <name>catdpo::ui::SeriesPlot</name>
    <message>
        <source>Step</source>
        <translation>Schritt</translation>
    </message>
    <message>
        <source>Fit</source>
        <translation>Einpassen</translation>
    </message>
    <message>
        <source>Show all data and follow new points (double-click the plot)</source>
        <translation>Alle Daten zeigen und neuen Punkten folgen (Doppelklick ins Diagramm)</translation>
    </message>
    <message>
        <source>Log scale</source>
        <translation>Log. Skala</translation>
    </message>
    <message>
        <source>Logarithmic value axis</source>
        <translation>Logarithmische Werteachse</translation>
    </message>
    <message>
        <source>All</source>
        <translation>Alle</translation>
    </message>
    <message>
        <source>Show every series (click a legend entry to toggle one)</source>
        <translation>Alle Reihen zeigen (ein Klick auf einen Legendeneintrag schaltet eine um)</translation>
    </message>
    <message>
        <source>None</source>
        <translation>Keine</translation>
    </message>
    <message>
        <source>Hide every series</source>
        <translation>Alle Reihen ausblenden</translation>
    </message>
    <message>
        <source>%1
%2 %3: %4</source>
        <translation>%1
%2 %3: %4</translation>
    </message>
</context>
<context>
    <name>catdpo::ui::TrainingProgress</name>
    <message>
        <source>Step %1 / %2</source>
        <translation>Schritt %1 / %2</translation>
    </message>
    <message>
        <source>Step %1</source>
        <translation>Schritt %1</translation>
    </message>
    <message>
        <source>%1 tokens/s</source>
        <translation>%1 Token/s</translation>
    </message>
    <message>
        <source>ETA %1</source>
        <translation>Restzeit %1</translation>
    </message>
    <message>
        <source>Step —</source>
        <translation>Schritt —</translation>
    </message>
    <message>
        <source>— tokens/s</source>
        <translation>— Token/s</translation>
    </message>
    <message>
        <source>ETA —</source>
        <translation>Restzeit —</translation>
    </message>
</context>
<context>
    <name>catdpo::ui::WelcomePage</name>
    <message>
        <source>&lt;h2&gt;Cat-DPO Studio&lt;/h2&gt;&lt;p&gt;Drag a preference data set onto this window, or start the built-in demo.&lt;/p&gt;</source>
        <translation>&lt;h2&gt;Cat-DPO Studio&lt;/h2&gt;&lt;p&gt;Ziehen Sie einen Präferenzdatensatz auf dieses Fenster oder starten Sie die eingebaute Demo.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Train a language model with per-category safety margins and watch which harm categories stay unsafe while it learns.</source>
        <translation>Trainieren Sie ein Sprachmodell mit Sicherheitsmargen je Kategorie und sehen Sie, welche Schadenskategorien beim Lernen unsicher bleiben.</translation>
    </message>
    <message>
        <source>Run the built-in &amp;demo</source>
        <translation>Eingebaute &amp;Demo starten</translation>
    </message>
    <message>
        <source>Built-in data set and demo model with Cat-DPO; nothing to download</source>
        <translation>Eingebauter Datensatz und Demo-Modell mit Cat-DPO; kein Download nötig</translation>
    </message>
    <message>
        <source>&amp;Open a data set…</source>
        <translation>Datensatz ö&amp;ffnen…</translation>
    </message>
    <message>
        <source>PKU-SafeRLHF JSONL or your own preference pairs with categories</source>
        <translation>PKU-SafeRLHF-JSONL oder eigene Präferenzpaare mit Kategorien</translation>
    </message>
    <message>
        <source>Show the &amp;live plots</source>
        <translation>&amp;Live-Diagramme zeigen</translation>
    </message>
</context>
<context>
    <name>catdpo::ui::PlotExport</name>
    <message>
        <source>Not enough memory for an image this large.</source>
        <translation>Nicht genug Speicher für ein so großes Bild.</translation>
    </message>
    <message>
        <source>Could not write %1: %2</source>
        <translation>%1 konnte nicht geschrieben werden: %2</translation>
    </message>
    <message>
        <source>Could not start the PDF writer.</source>
        <translation>Der PDF-Export konnte nicht gestartet werden.</translation>
    </message>
    <message>
        <source>Could not start the SVG writer.</source>
        <translation>Der SVG-Export konnte nicht gestartet werden.</translation>
    </message>
    <message>
        <source>There is no plot to export.</source>
        <translation>Es gibt kein Diagramm zum Exportieren.</translation>
    </message>
    <message>
        <source>No file name given.</source>
        <translation>Kein Dateiname angegeben.</translation>
    </message>
    <message>
        <source>The resolution must be between %1 and %2 DPI.</source>
        <translation>Die Auflösung muss zwischen %1 und %2 DPI liegen.</translation>
    </message>
    <message>
        <source>The size must be between 16 and %1 pixels per side.</source>
        <translation>Die Größe muss zwischen 16 und %1 Pixeln je Seite liegen.</translation>
    </message>
    <message>
        <source>Unknown export format.</source>
        <translation>Unbekanntes Exportformat.</translation>
    </message>
</context>
</TS>
