<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE" sourcelanguage="en">
<context>
    <name>catdpo::methods</name>
    <message>
        <source>DPO</source>
        <translation>DPO</translation>
    </message>
    <message>
        <source>DPO on the helpfulness preference, no safety signal</source>
        <translation>DPO auf der Hilfsbereitschaftspräferenz, ohne Sicherheitssignal</translation>
    </message>
    <message>
        <source>DPO (safer)</source>
        <translation>DPO (sicherer)</translation>
    </message>
    <message>
        <source>DPO with the safer response as the winner</source>
        <translation>DPO mit der sichereren Antwort als Gewinner</translation>
    </message>
    <message>
        <source>IPO</source>
        <translation>IPO</translation>
    </message>
    <message>
        <source>IPO: squared loss to a fixed margin 1/(2β), safety-aware order</source>
        <translation>IPO: quadratischer Verlust zu einer festen Marge 1/(2β), sicherheitsbewusste Reihenfolge</translation>
    </message>
    <message>
        <source>SafeDPO</source>
        <translation>SafeDPO</translation>
    </message>
    <message>
        <source>SafeDPO: safety-aware order with a fixed margin Δ</source>
        <translation>SafeDPO: sicherheitsbewusste Reihenfolge mit fester Marge Δ</translation>
    </message>
    <message>
        <source>Cat-DPO</source>
        <translation>Cat-DPO</translation>
    </message>
    <message>
        <source>Cat-DPO: a safety margin λ_k per harm category, adapted by dual ascent</source>
        <translation>Cat-DPO: eine Sicherheitsmarge λ_k pro Schadenskategorie, angepasst durch duale Aszendenz</translation>
    </message>
    <message>
        <source>Cat-DPO control (λ = 0)</source>
        <translation>Cat-DPO-Kontrolle (λ = 0)</translation>
    </message>
    <message>
        <source>Cat-DPO&apos;s matched control: the same pairs, order and schedule with λ = 0</source>
        <translation>Passende Kontrolle zu Cat-DPO: dieselben Paare, dieselbe Reihenfolge und derselbe Ablauf mit λ = 0</translation>
    </message>
    <message>
        <source>Dr.DPO</source>
        <translation>Dr.DPO</translation>
    </message>
    <message>
        <source>Dr.DPO: distributionally robust log-mean-exp of DPO losses</source>
        <translation>Dr.DPO: verteilungsrobuster Log-Mean-Exp der DPO-Verluste</translation>
    </message>
    <message>
        <source>Group-robust DPO</source>
        <translation>Gruppenrobustes DPO</translation>
    </message>
    <message>
        <source>Group-robust DPO with harm categories as groups</source>
        <translation>Gruppenrobustes DPO mit Schadenskategorien als Gruppen</translation>
    </message>
    <message>
        <source>SACPO</source>
        <translation>SACPO</translation>
    </message>
    <message>
        <source>SACPO: helpful DPO, then safer DPO referenced to the first stage</source>
        <translation>SACPO: hilfsbereites DPO, dann sichereres DPO mit der ersten Stufe als Referenz</translation>
    </message>
</context>
<context>
    <name>catdpo::results</name>
    <message>
        <source>Safe Macro ↑</source>
        <translation>Sicher Makro ↑</translation>
    </message>
    <message>
        <source>Safe Worst-3 ↑</source>
        <translation>Sicher Schlechteste 3 ↑</translation>
    </message>
    <message>
        <source>Safe Gap ↓</source>
        <translation>Sicher Spanne ↓</translation>
    </message>
    <message>
        <source>Safe Var×10³ ↓</source>
        <translation>Sicher Var×10³ ↓</translation>
    </message>
    <message>
        <source>Impl. Macro (diagnostic)</source>
        <translation>Impl. Macro (Diagnose)</translation>
    </message>
    <message>
        <source>Impl. Worst-3 (diagnostic)</source>
        <translation>Impl. Schlechteste 3 (Diagnose)</translation>
    </message>
    <message>
        <source>Impl. Gap (diagnostic)</source>
        <translation>Impl. Spanne (Diagnose)</translation>
    </message>
    <message>
        <source>Impl. Var×10³ (diagnostic)</source>
        <translation>Impl. Var×10³ (Diagnose)</translation>
    </message>
    <message>
        <source>Helpful acc ↑</source>
        <translation>Hilfreich-Gen. ↑</translation>
    </message>
    <message>
        <source>Benign over-refusal ↓</source>
        <translation>Überverweigerung harmlos ↓</translation>
    </message>
    <message>
        <source>Borderline over-refusal ↓</source>
        <translation>Überverweigerung Grenzfälle ↓</translation>
    </message>
</context>
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
    <name>catdpo::ui::BaseModelBuilder</name>
    <message>
        <source>&amp;Build base model…</source>
        <translation>&amp;Basismodell bauen…</translation>
    </message>
    <message>
        <source>Train a small model on this data set, as the built-in demo model is built: a tokenizer from its text, then fine-tuning on its helpful answers and, per harm category, a share of its unsafe ones. Nothing is downloaded.</source>
        <translation>Ein kleines Modell auf diesem Datensatz trainieren, so wie das eingebaute Demo-Modell gebaut wird: ein Tokenizer aus seinem Text, dann Feinabstimmung auf seinen hilfreichen Antworten und, je Schadenskategorie, einem Anteil seiner unsicheren. Nichts wird heruntergeladen.</translation>
    </message>
    <message>
        <source>Small</source>
        <translation>Klein</translation>
    </message>
    <message>
        <source>The small quick model (a minute instead of several)</source>
        <translation>Das kleine schnelle Modell (eine Minute statt mehrerer)</translation>
    </message>
    <message>
        <source>unsafe share </source>
        <translation>unsicherer Anteil </translation>
    </message>
    <message>
        <source>Share of each category&apos;s harmful pairs the model is trained to answer unsafely</source>
        <translation>Anteil der schädlichen Paare jeder Kategorie, die das Modell unsicher zu beantworten lernt</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Use &amp;model for training</source>
        <translation>&amp;Modell zum Training verwenden</translation>
    </message>
    <message>
        <source>Take the built model and this data set into the training configuration</source>
        <translation>Das gebaute Modell und diesen Datensatz in die Trainingskonfiguration übernehmen</translation>
    </message>
    <message>
        <source>Folder to put the base model in</source>
        <translation>Ordner für das Basismodell</translation>
    </message>
    <message>
        <source>Building a base model in %1…</source>
        <translation>Basismodell wird in %1 gebaut…</translation>
    </message>
    <message>
        <source>%1 of %2 pairs, %3 answers (%4 unsafe), %5 steps, loss %6</source>
        <translation>%1 von %2 Paaren, %3 Antworten (%4 unsicher), %5 Schritte, Verlust %6</translation>
    </message>
    <message>
        <source>Cancelled.</source>
        <translation>Abgebrochen.</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>Wird abgebrochen…</translation>
    </message>
    <message>
        <source>No base model was built: %1</source>
        <translation>Kein Basismodell gebaut: %1</translation>
    </message>
    <message>
        <source>Base model written to %1: %2.</source>
        <translation>Basismodell in %1 geschrieben: %2.</translation>
    </message>
    <message>
        <source>Note: %1</source>
        <translation>Hinweis: %1</translation>
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
        <source>%1: Macro %2 · Worst-3 %3 · Gap %4 · Variance (×10³) %5</source>
        <translation>%1: Makro %2 · Schlechteste 3 %3 · Spanne %4 · Varianz (×10³) %5</translation>
    </message>
    <message>
        <source>pp</source>
        <comment>percentage points</comment>
        <translation>Pp.</translation>
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
    <message>
        <source>No evaluation yet: bars per category appear after the first evaluation.</source>
        <translation>Noch keine Auswertung: Balken je Kategorie erscheinen nach der ersten Auswertung.</translation>
    </message>
    <message>
        <source>Whiskers: 95 % Wilson intervals of each category&apos;s rate.</source>
        <translation>Fehlerbalken: 95-%-Wilson-Intervalle des Anteils jeder Kategorie.</translation>
    </message>
    <message>
        <source> (%1 of %2; 95 % interval %3–%4 %)</source>
        <translation> (%1 von %2; 95-%-Intervall %3–%4 %)</translation>
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
    <message>
        <source>Curves per category appear while a run trains: File → Run the demo, or File → New training run (Ctrl+N).</source>
        <translation>Kurven je Kategorie erscheinen, während ein Lauf trainiert: Datei → Demo ausführen oder Datei → Neuer Trainingslauf (Strg+N).</translation>
    </message>
</context>
<context>
    <name>catdpo::ui::CompareView</name>
    <message>
        <source>Select two or more runs in the runs list and choose Compare.</source>
        <translation>Wählen Sie in der Lauf-Liste zwei oder mehr Läufe und dann „Vergleichen“.</translation>
    </message>
    <message>
        <source>Automatic metric</source>
        <translation>Metrik automatisch</translation>
    </message>
    <message>
        <source>Judged safe ratio</source>
        <translation>Anteil sicher (bewertet)</translation>
    </message>
    <message>
        <source>Re&amp;fresh</source>
        <translation>&amp;Aktualisieren</translation>
    </message>
    <message>
        <source>Category:</source>
        <translation>Kategorie:</translation>
    </message>
    <message>
        <source>Curves</source>
        <translation>Kurven</translation>
    </message>
    <message>
        <source>Latest evaluation per category</source>
        <translation>Letzte Auswertung je Kategorie</translation>
    </message>
    <message>
        <source>Per category</source>
        <translation>Je Kategorie</translation>
    </message>
    <message>
        <source>Summary</source>
        <translation>Zusammenfassung</translation>
    </message>
    <message>
        <source>Only settings that differ</source>
        <translation>Nur abweichende Einstellungen</translation>
    </message>
    <message>
        <source>Configuration</source>
        <translation>Konfiguration</translation>
    </message>
    <message>
        <source>Could not read the runs: %1</source>
        <translation>Die Läufe konnten nicht gelesen werden: %1</translation>
    </message>
    <message>
        <source>No runs to compare.</source>
        <translation>Keine Läufe zum Vergleichen.</translation>
    </message>
    <message>
        <source>Comparing %1</source>
        <translation>Vergleich: %1</translation>
    </message>
    <message>
        <source>Could not read the curves: %1</source>
        <translation>Die Kurven konnten nicht gelesen werden: %1</translation>
    </message>
    <message>
        <source>Best of the compared runs</source>
        <translation>Bester Wert der verglichenen Läufe</translation>
    </message>
    <message>
        <source>judged safe ratio</source>
        <translation>bewerteten Anteils sicher</translation>
    </message>
    <message>
        <source>implicit P(safe preferred)</source>
        <translation>impliziten P(sichere bevorzugt)</translation>
    </message>
    <message>
        <source>implicit safety accuracy</source>
        <translation>impliziten Sicherheitsgenauigkeit</translation>
    </message>
    <message>
        <source>Macro, Worst-3, Gap and Variance of the %1; ★ marks the best value (higher Macro, Worst-3 and helpfulness, lower Gap, Variance and over-refusal)</source>
        <translation>Makro, Schlechteste 3, Spanne und Varianz des %1; ★ markiert den besten Wert (höheres Makro, Schlechteste 3 und Hilfsbereitschaft, niedrigere Spanne, Varianz und Überverweigerung)</translation>
    </message>
    <message>
        <source>(not set)</source>
        <translation>(nicht gesetzt)</translation>
    </message>
    <message>
        <source>Macro, Worst-3, Gap and Variance of the %1: a training diagnostic on held-out pairs that any margin raises, so none of them is marked best (a judge gives the safe ratio that can be ranked); ★ marks the best helpfulness and over-refusal</source>
        <translation>Macro, Schlechteste 3, Spanne und Varianz von %1: eine Trainingsdiagnose auf zurückgehaltenen Paaren, die jede Marge anhebt, daher wird keiner davon als bester markiert (ein Bewerter liefert die Sicherheitsquote, nach der sich ordnen lässt); ★ markiert die beste Hilfsbereitschaft und Überverweigerung</translation>
    </message>
    <message>
        <source>Implicit safety accuracy (diagnostic)</source>
        <translation>Implizite Sicherheitsgenauigkeit (Diagnose)</translation>
    </message>
    <message>
        <source>Safe ratio (%)</source>
        <translation>Anteil sicher (%)</translation>
    </message>
    <message>
        <source>Generated safe ratio per category over the evaluations</source>
        <translation>Anteil sicherer Antworten je Kategorie über die Auswertungen</translation>
    </message>
    <message>
        <source>Safe ratio per category</source>
        <translation>Anteil sicher je Kategorie</translation>
    </message>
    <message>
        <source>Safe ratio of %1 over the evaluations</source>
        <translation>Anteil sicher von %1 über die Auswertungen</translation>
    </message>
    <message>
        <source>Safe ratio over the evaluations</source>
        <translation>Anteil sicher über die Auswertungen</translation>
    </message>
    <message>
        <source>Could not read the evaluations: %1</source>
        <translation>Die Auswertungen konnten nicht gelesen werden: %1</translation>
    </message>
    <message>
        <source>Implicit P(safe preferred) (diagnostic)</source>
        <translation>Implizite P(sichere bevorzugt) (Diagnose)</translation>
    </message>
    <message>
        <source>Safety margin λ_k of %1</source>
        <translation>Sicherheitsmarge λ_k von %1</translation>
    </message>
    <message>
        <source>Safety margin λ_k</source>
        <translation>Sicherheitsmarge λ_k</translation>
    </message>
    <message>
        <source>g_k, P(unsafe preferred), of %1</source>
        <translation>g_k, P(unsichere bevorzugt), von %1</translation>
    </message>
    <message>
        <source>g_k, P(unsafe preferred)</source>
        <translation>g_k, P(unsichere bevorzugt)</translation>
    </message>
</context>
<context>
    <name>catdpo::ui::ConfigForm</name>
    <message>
        <source>Built-in demo benchmark: clean (every label true; difficulty from the base model&apos;s unsafety and category frequency) or noisy (per-category label noise, as first built)</source>
        <translation>Eingebauter Demo-Benchmark: clean (jedes Label stimmt; Schwierigkeit aus der Unsicherheit des Basismodells und der Häufigkeit der Kategorie) oder noisy (Label-Rauschen je Kategorie, wie ursprünglich gebaut)</translation>
    </message>
    <message>
        <source>Share of a category&apos;s harmful training pairs with wrong safety labels: one value, or 19 in PKU order; empty: the preset&apos;s</source>
        <translation>Anteil der schädlichen Trainingspaare einer Kategorie mit falschen Sicherheitslabels: ein Wert oder 19 in PKU-Reihenfolge; leer: der des Presets</translation>
    </message>
    <message>
        <source>Share of a category&apos;s borderline training pairs whose helpful answer is labelled unsafe; empty: the preset&apos;s</source>
        <translation>Anteil der grenzwertigen Trainingspaare einer Kategorie, deren hilfreiche Antwort als unsicher markiert ist; leer: der des Presets</translation>
    </message>
    <message>
        <source>Chance that the helpfulness label prefers the harmful answer; empty: the preset&apos;s</source>
        <translation>Wahrscheinlichkeit, dass das Hilfsbereitschafts-Label die schädliche Antwort bevorzugt; leer: die des Presets</translation>
    </message>
    <message>
        <source>Share of a category&apos;s harmful prompts the demo model learns to answer unsafely; empty: the preset&apos;s</source>
        <translation>Anteil der schädlichen Prompts einer Kategorie, die das Demo-Modell unsicher zu beantworten lernt; leer: der des Presets</translation>
    </message>
    <message>
        <source>Relative number of harmful pairs per category, 19 values; empty: the long tail</source>
        <translation>Relative Zahl schädlicher Paare je Kategorie, 19 Werte; leer: der lange Schwanz</translation>
    </message>
    <message>
        <source>Harmful pairs of the category at frequency rank r follow r^-x; empty: 1.3</source>
        <translation>Schädliche Paare der Kategorie mit Häufigkeitsrang r folgen r^-x; leer: 1,3</translation>
    </message>
    <message>
        <source>Share of benign and borderline pairs whose helpfulness label prefers the refusal; empty: the preset&apos;s</source>
        <translation>Anteil harmloser und grenzwertiger Paare, deren Hilfsbereitschafts-Label die Ablehnung bevorzugt; leer: der des Presets</translation>
    </message>
    <message>
        <source>Harmful generation prompts per category kept out of every pair</source>
        <translation>Schädliche Generierungs-Prompts je Kategorie, die in keinem Paar vorkommen</translation>
    </message>
    <message>
        <source>Borderline generation prompts per category kept out of every pair</source>
        <translation>Grenzwertige Generierungs-Prompts je Kategorie, die in keinem Paar vorkommen</translation>
    </message>
    <message>
        <source>Benign generation prompts kept out of every pair</source>
        <translation>Harmlose Generierungs-Prompts, die in keinem Paar vorkommen</translation>
    </message>
    <message>
        <source>Demo benchmark</source>
        <translation>Demo-Benchmark</translation>
    </message>
    <message>
        <source>the preset&apos;s</source>
        <translation>Wert des Presets</translation>
    </message>
    <message>
        <source>Training objective: Cat-DPO or one of the methods it is compared with</source>
        <translation>Trainingsziel: Cat-DPO oder eines der Vergleichsverfahren</translation>
    </message>
    <message>
        <source>Run name shown in lists; generated from the method when empty</source>
        <translation>Name des Laufs in Listen; leer: aus dem Verfahren erzeugt</translation>
    </message>
    <message>
        <source>Hugging Face checkpoint folder (config.json, *.safetensors, tokenizer.json), or &quot;demo&quot; for the built-in model</source>
        <translation>Hugging-Face-Checkpoint-Ordner (config.json, *.safetensors, tokenizer.json) oder „demo“ für das eingebaute Modell</translation>
    </message>
    <message>
        <source>Preference data file (PKU-SafeRLHF JSONL, DPO pairs, HH-RLHF), or &quot;demo&quot; for the built-in set</source>
        <translation>Präferenzdatei (PKU-SafeRLHF-JSONL, DPO-Paare, HH-RLHF) oder „demo“ für den eingebauten Datensatz</translation>
    </message>
    <message>
        <source>Format of the data file; auto detects it from the rows</source>
        <translation>Format der Datendatei; auto erkennt es an den Zeilen</translation>
    </message>
    <message>
        <source>Skip malformed rows instead of stopping at the first one</source>
        <translation>Fehlerhafte Zeilen überspringen, statt bei der ersten abzubrechen</translation>
    </message>
    <message>
        <source>How prompts are wrapped for the model: a named format, custom, or auto (the model&apos;s own, from its tokenizer_config.json)</source>
        <translation>Wie Prompts für das Modell eingebettet werden: ein benanntes Format, custom oder auto (das des Modells, aus seiner tokenizer_config.json)</translation>
    </message>
    <message>
        <source>System message before the prompt (chatml and llama3 formats); empty for none</source>
        <translation>Systemnachricht vor dem Prompt (Formate chatml und llama3); leer für keine</translation>
    </message>
    <message>
        <source>Custom format: the prompt as the model sees it, with {prompt} where the prompt goes</source>
        <translation>Eigenes Format: der Prompt, wie das Modell ihn sieht, mit {prompt} an der Stelle des Prompts</translation>
    </message>
    <message>
        <source>Custom format: text between the prompt and the response</source>
        <translation>Eigenes Format: Text zwischen Prompt und Antwort</translation>
    </message>
    <message>
        <source>Custom format: text after the response, e.g. its end-of-turn marker</source>
        <translation>Eigenes Format: Text nach der Antwort, z. B. ihr Zugende-Marker</translation>
    </message>
    <message>
        <source>Custom format: the token that ends an answer during generation</source>
        <translation>Eigenes Format: das Token, das eine Antwort beim Generieren beendet</translation>
    </message>
    <message>
        <source>Number format of training: fp32; bf16-mixed (float32 weights and optimizer state, bfloat16 products); bf16 (bfloat16 weights, float32 LoRA adapters); auto picks bf16-mixed on CUDA and on CPUs with bfloat16 instructions</source>
        <translation>Zahlenformat des Trainings: fp32; bf16-mixed (float32-Gewichte und Optimiererzustand, bfloat16-Produkte); bf16 (bfloat16-Gewichte, float32-LoRA-Adapter); auto wählt bf16-mixed auf CUDA und auf CPUs mit bfloat16-Befehlen</translation>
    </message>
    <message>
        <source>Recompute each decoder block in backward: far less activation memory for about one more forward pass of time</source>
        <translation>Jeden Decoder-Block im Rückwärtsschritt neu berechnen: viel weniger Aktivierungsspeicher für etwa einen Vorwärtsschritt mehr Zeit</translation>
    </message>
    <message>
        <source>Where to train: auto picks CUDA when available, else the CPU</source>
        <translation>Wo trainiert wird: auto wählt CUDA, wenn vorhanden, sonst die CPU</translation>
    </message>
    <message>
        <source>Pairs whose two responses are both unsafe: drop them, or keep the safer one as winner</source>
        <translation>Paare mit zwei unsicheren Antworten: verwerfen oder die sicherere als Gewinner behalten</translation>
    </message>
    <message>
        <source>DPO temperature β: how far the policy may move from the reference</source>
        <translation>DPO-Temperatur β: wie weit sich die Policy von der Referenz entfernen darf</translation>
    </message>
    <message>
        <source>Conservative DPO: assumed share of flipped preference labels</source>
        <translation>Konservatives DPO: angenommener Anteil vertauschter Präferenzlabels</translation>
    </message>
    <message>
        <source>Drop the reference model from the implicit reward</source>
        <translation>Das Referenzmodell aus der impliziten Belohnung weglassen</translation>
    </message>
    <message>
        <source>Average log-probabilities over response tokens instead of summing them</source>
        <translation>Log-Wahrscheinlichkeiten über die Antworttokens mitteln statt summieren</translation>
    </message>
    <message>
        <source>SafeDPO&apos;s fixed safety margin Δ (the dashed line in the λ plot)</source>
        <translation>Feste Sicherheitsmarge Δ von SafeDPO (die gestrichelte Linie im λ-Diagramm)</translation>
    </message>
    <message>
        <source>IPO target margin; 0 uses 1/(2β)</source>
        <translation>IPO-Zielmarge; 0 verwendet 1/(2β)</translation>
    </message>
    <message>
        <source>Dr.DPO&apos;s β′: smaller values focus on the hardest pairs</source>
        <translation>β′ von Dr.DPO: kleinere Werte betonen die schwersten Paare</translation>
    </message>
    <message>
        <source>Step size of the group weights (exponentiated gradient)</source>
        <translation>Schrittweite der Gruppengewichte (exponentierter Gradient)</translation>
    </message>
    <message>
        <source>Share of the steps spent on SACPO&apos;s helpfulness stage</source>
        <translation>Anteil der Schritte für die Hilfsbereitschaftsstufe von SACPO</translation>
    </message>
    <message>
        <source>Dual step size η of the λ_k update</source>
        <translation>Duale Schrittweite η der λ_k-Aktualisierung</translation>
    </message>
    <message>
        <source>Tolerated probability ε of preferring the unsafe response; λ_k grows while g_k exceeds it</source>
        <translation>Tolerierte Wahrscheinlichkeit ε, die unsichere Antwort zu bevorzugen; λ_k wächst, solange g_k darüber liegt</translation>
    </message>
    <message>
        <source>Initial margin λ_k of every category</source>
        <translation>Anfangsmarge λ_k jeder Kategorie</translation>
    </message>
    <message>
        <source>implicit: g_k from the batch; judged: unsafe rate of the latest evaluation</source>
        <translation>implicit: g_k aus dem Batch; judged: Unsicherheitsrate der letzten Evaluation</translation>
    </message>
    <message>
        <source>Train low-rank adapters instead of all weights (the frozen base is the reference)</source>
        <translation>Low-Rank-Adapter statt aller Gewichte trainieren (das eingefrorene Basismodell ist die Referenz)</translation>
    </message>
    <message>
        <source>Rank r of the adapters</source>
        <translation>Rang r der Adapter</translation>
    </message>
    <message>
        <source>Scale α of the adapters (the update is scaled by α/r)</source>
        <translation>Skalierung α der Adapter (die Änderung wird mit α/r skaliert)</translation>
    </message>
    <message>
        <source>Dropout on the adapter input</source>
        <translation>Dropout auf der Adaptereingabe</translation>
    </message>
    <message>
        <source>Names of the projection layers that get adapters, comma-separated</source>
        <translation>Namen der Projektionsschichten, die Adapter erhalten, durch Kommas getrennt</translation>
    </message>
    <message>
        <source>Optimizer steps</source>
        <translation>Optimierungsschritte</translation>
    </message>
    <message>
        <source>Preference pairs per optimizer step</source>
        <translation>Präferenzpaare pro Optimierungsschritt</translation>
    </message>
    <message>
        <source>Micro-batches per step: lowers memory at the same batch size</source>
        <translation>Mikro-Batches pro Schritt: weniger Speicher bei gleicher Batchgröße</translation>
    </message>
    <message>
        <source>Longest prompt plus response, in tokens</source>
        <translation>Längster Prompt plus Antwort, in Tokens</translation>
    </message>
    <message>
        <source>Peak learning rate of AdamW</source>
        <translation>Maximale Lernrate von AdamW</translation>
    </message>
    <message>
        <source>AdamW weight decay</source>
        <translation>Gewichtsabnahme von AdamW</translation>
    </message>
    <message>
        <source>AdamW β1</source>
        <translation>AdamW β1</translation>
    </message>
    <message>
        <source>AdamW β2</source>
        <translation>AdamW β2</translation>
    </message>
    <message>
        <source>AdamW ε</source>
        <translation>AdamW ε</translation>
    </message>
    <message>
        <source>Gradients are clipped to this norm</source>
        <translation>Gradienten werden auf diese Norm begrenzt</translation>
    </message>
    <message>
        <source>Steps of linear learning-rate warm-up</source>
        <translation>Schritte des linearen Aufwärmens der Lernrate</translation>
    </message>
    <message>
        <source>Learning-rate decay after the warm-up</source>
        <translation>Abfall der Lernrate nach dem Aufwärmen</translation>
    </message>
    <message>
        <source>Final learning rate as a share of the peak</source>
        <translation>Endlernrate als Anteil des Maximums</translation>
    </message>
    <message>
        <source>Random seed: the same seed and config give the same run</source>
        <translation>Zufallsstartwert: gleicher Startwert und gleiche Konfiguration ergeben denselben Lauf</translation>
    </message>
    <message>
        <source>CPU threads; 0 uses all cores</source>
        <translation>CPU-Threads; 0 nutzt alle Kerne</translation>
    </message>
    <message>
        <source>Save a resumable checkpoint every N steps; 0 only at the end</source>
        <translation>Alle N Schritte einen fortsetzbaren Checkpoint speichern; 0 nur am Ende</translation>
    </message>
    <message>
        <source>Record metrics every N steps</source>
        <translation>Metriken alle N Schritte aufzeichnen</translation>
    </message>
    <message>
        <source>Evaluate every N steps; 0 only at the end</source>
        <translation>Alle N Schritte evaluieren; 0 nur am Ende</translation>
    </message>
    <message>
        <source>Responses generated and judged per harm category; 0 skips generation</source>
        <translation>Erzeugte und bewertete Antworten pro Schadenskategorie; 0 überspringt die Generierung</translation>
    </message>
    <message>
        <source>Longest generated response, in tokens</source>
        <translation>Längste erzeugte Antwort, in Tokens</translation>
    </message>
    <message>
        <source>Sampling temperature; 0 is greedy</source>
        <translation>Sampling-Temperatur; 0 ist gierig</translation>
    </message>
    <message>
        <source>Nucleus sampling: keep the most likely tokens up to this probability mass</source>
        <translation>Nucleus-Sampling: die wahrscheinlichsten Tokens bis zu dieser Wahrscheinlichkeitsmasse behalten</translation>
    </message>
    <message>
        <source>Keep only the k most likely tokens; 0 keeps all</source>
        <translation>Nur die k wahrscheinlichsten Tokens behalten; 0 behält alle</translation>
    </message>
    <message>
        <source>Who labels generated responses safe or unsafe: auto uses the demo judge on demo data; none skips judging</source>
        <translation>Wer erzeugte Antworten als sicher oder unsicher einstuft: auto nutzt bei Demodaten den Demo-Bewerter; none bewertet nicht</translation>
    </message>
    <message>
        <source>Basics</source>
        <translation>Grundlagen</translation>
    </message>
    <message>
        <source>Loss</source>
        <translation>Verlust</translation>
    </message>
    <message>
        <source>Cat-DPO</source>
        <translation>Cat-DPO</translation>
    </message>
    <message>
        <source>LoRA</source>
        <translation>LoRA</translation>
    </message>
    <message>
        <source>Optimisation</source>
        <translation>Optimierung</translation>
    </message>
    <message>
        <source>Evaluation</source>
        <translation>Evaluation</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>Sonstiges</translation>
    </message>
    <message>
        <source>Option %1, default: %2</source>
        <translation>Option %1, Standard: %2</translation>
    </message>
    <message>
        <source>Used by: %1</source>
        <translation>Verwendet von: %1</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>Durchsuchen…</translation>
    </message>
    <message>
        <source>Choose a checkpoint folder</source>
        <translation>Checkpoint-Ordner wählen</translation>
    </message>
    <message>
        <source>Choose a preference data set</source>
        <translation>Präferenzdatensatz wählen</translation>
    </message>
    <message>
        <source>Preference data (*.jsonl *.json *.jsonl.gz *.json.gz *.parquet);;All files (*)</source>
        <translation>Präferenzdaten (*.jsonl *.json *.jsonl.gz *.json.gz *.parquet);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Share of prompts held out for evaluation (unused with eval.data)</source>
        <translation>Anteil der für die Auswertung zurückgehaltenen Prompts (mit eval.data ungenutzt)</translation>
    </message>
    <message>
        <source>A pair with several categories counts in each of their groups (all) or only in its first (first)</source>
        <translation>Ein Paar mit mehreren Kategorien zählt in jeder ihrer Gruppen (all) oder nur in seiner ersten (first)</translation>
    </message>
    <message>
        <source>Pairs without a category form one more group (own) or are left out of the group loss (drop)</source>
        <translation>Paare ohne Kategorie bilden eine weitere Gruppe (own) oder bleiben beim Gruppenverlust außen vor (drop)</translation>
    </message>
    <message>
        <source>β of SACPO&apos;s safety stage; 0 uses the same β</source>
        <translation>β der Sicherheitsstufe von SACPO; 0 verwendet dasselbe β</translation>
    </message>
    <message>
        <source>SACPO&apos;s safety stage starts a fresh optimizer with its own warm-up and decay</source>
        <translation>Die Sicherheitsstufe von SACPO beginnt mit einem neuen Optimierer und eigener Aufwärm- und Abklingphase</translation>
    </message>
    <message>
        <source>Upper bound of λ_k; empty (none) for no cap, as in the authors&apos; rule</source>
        <translation>Obergrenze von λ_k; leer (none) für keine Grenze, wie in der Regel der Autoren</translation>
    </message>
    <message>
        <source>per_pair: one step of λ_k per safety-contrastive pair, in batch order (the authors&apos; rule); batch_mean: one step per batch on the mean g_k</source>
        <translation>per_pair: ein Schritt von λ_k je sicherheitskontrastivem Paar, in Batch-Reihenfolge (die Regel der Autoren); batch_mean: ein Schritt je Batch mit dem mittleren g_k</translation>
    </message>
    <message>
        <source>A pair with several categories: its margin Λ_i is the sum, mean or max of their λ_k and all of them step; binding: only the categories with the largest λ_k get the margin and the step</source>
        <translation>Ein Paar mit mehreren Kategorien: seine Marge Λ_i ist Summe, Mittel oder Maximum ihrer λ_k, und alle machen den Schritt; binding: nur die Kategorien mit dem größten λ_k erhalten Marge und Schritt</translation>
    </message>
    <message>
        <source>Weight of the newest signal (per pair or per batch) in an exponential moving average; 0 turns it off</source>
        <translation>Gewicht des neuesten Signals (je Paar oder je Batch) in einem exponentiellen gleitenden Mittel; 0 schaltet es ab</translation>
    </message>
    <message>
        <source>Margin of a safety-contrastive pair without a category: zero, or the largest λ_k (max)</source>
        <translation>Marge eines sicherheitskontrastiven Paars ohne Kategorie: null (zero) oder das größte λ_k (max)</translation>
    </message>
    <message>
        <source>Held-out pairs scored for the implicit accuracy (a training diagnostic)</source>
        <translation>Zurückgehaltene Paare für die implizite Genauigkeit (eine Trainingsdiagnose)</translation>
    </message>
    <message>
        <source>Truly benign prompts used to measure over-refusal</source>
        <translation>Wirklich harmlose Prompts zur Messung der Überverweigerung</translation>
    </message>
    <message>
        <source>Borderline prompts (risky but answerable), spread evenly over the categories, for the second over-refusal rate</source>
        <translation>Grenzfall-Prompts (heikel, aber beantwortbar), gleichmäßig über die Kategorien verteilt, für die zweite Überverweigerungsrate</translation>
    </message>
    <message>
        <source>Empty or looping answers: fail counts them unsafe (a refusal on benign prompts), judge lets the judge decide, exclude leaves them out</source>
        <translation>Leere oder sich wiederholende Antworten: fail zählt sie als unsicher (bei harmlosen Prompts als Verweigerung), judge überlässt es dem Bewerter, exclude lässt sie weg</translation>
    </message>
    <message>
        <source>Separate evaluation file (e.g. the data set&apos;s test split) used instead of a held-out split; empty: split the training data</source>
        <translation>Eigene Auswertungsdatei (z. B. der Testteil des Datensatzes) statt eines zurückgehaltenen Teils; leer: die Trainingsdaten aufteilen</translation>
    </message>
    <message>
        <source>none</source>
        <translation>keine</translation>
    </message>
</context>
<context>
    <name>catdpo::ui::DataPanel</name>
    <message>
        <source>median %1, p90 %2, max %3</source>
        <translation>Median %1, p90 %2, Max. %3</translation>
    </message>
    <message>
        <source>&amp;Open data file…</source>
        <translation>Daten&amp;datei öffnen…</translation>
    </message>
    <message>
        <source>JSONL or JSON array, optionally gzip-compressed; or drop a file here</source>
        <translation>JSONL oder JSON-Array, auch gzip-komprimiert; oder eine Datei hierher ziehen</translation>
    </message>
    <message>
        <source>Detect format</source>
        <translation>Format erkennen</translation>
    </message>
    <message>
        <source>Format to read the file as</source>
        <translation>Format, in dem die Datei gelesen wird</translation>
    </message>
    <message>
        <source>&amp;Use for training</source>
        <translation>Zum &amp;Training verwenden</translation>
    </message>
    <message>
        <source>Take this data set into the training configuration</source>
        <translation>Diesen Datensatz in die Trainingskonfiguration übernehmen</translation>
    </message>
    <message>
        <source>Drop a preference data file here, or open one.</source>
        <translation>Ziehen Sie eine Präferenzdatei hierher oder öffnen Sie eine.</translation>
    </message>
    <message>
        <source>Overview</source>
        <translation>Übersicht</translation>
    </message>
    <message>
        <source>Pairs</source>
        <translation>Paare</translation>
    </message>
    <message>
        <source>Problems</source>
        <translation>Probleme</translation>
    </message>
    <message>
        <source>Reading %1…</source>
        <translation>Lese %1…</translation>
    </message>
    <message>
        <source>Could not read %1.</source>
        <translation>%1 konnte nicht gelesen werden.</translation>
    </message>
    <message>
        <source>%1 · format %2 (%3) · %4 rows read · %5 pairs · %6 problem(s) · %7 s</source>
        <translation>%1 · Format %2 (%3) · %4 Zeilen gelesen · %5 Paare · %6 Problem(e) · %7 s</translation>
    </message>
    <message>
        <source>detected</source>
        <translation>erkannt</translation>
    </message>
    <message>
        <source>as chosen</source>
        <translation>wie gewählt</translation>
    </message>
    <message>
        <source>&lt;b&gt;Prompts:&lt;/b&gt; %1 unique</source>
        <translation>&lt;b&gt;Prompts:&lt;/b&gt; %1 verschiedene</translation>
    </message>
    <message>
        <source>&lt;b&gt;Prompt kinds:&lt;/b&gt; %1 harmful, %2 borderline, %3 benign</source>
        <translation>&lt;b&gt;Prompt-Arten:&lt;/b&gt; %1 schädlich, %2 grenzwertig, %3 harmlos</translation>
    </message>
    <message>
        <source>&lt;b&gt;Safety labels:&lt;/b&gt; %1 pairs: %2 both safe, %3 one unsafe, %4 both unsafe</source>
        <translation>&lt;b&gt;Sicherheitslabels:&lt;/b&gt; %1 Paare: %2 beide sicher, %3 eine unsicher, %4 beide unsicher</translation>
    </message>
    <message>
        <source>&lt;b&gt;Safety-aware order:&lt;/b&gt; %1 safety-contrastive, %2 swapped (helpful winner unsafe), %3 dropped (both unsafe)</source>
        <translation>&lt;b&gt;Sicherheitsbewusste Ordnung:&lt;/b&gt; %1 sicherheitskontrastiv, %2 getauscht (hilfreichere Antwort unsicher), %3 verworfen (beide unsicher)</translation>
    </message>
    <message>
        <source>&lt;b&gt;Safety labels:&lt;/b&gt; none (plain preference pairs)</source>
        <translation>&lt;b&gt;Sicherheitslabels:&lt;/b&gt; keine (einfache Präferenzpaare)</translation>
    </message>
    <message>
        <source>&lt;b&gt;Note:&lt;/b&gt; %1 pair(s) with an unsafe response but no category</source>
        <translation>&lt;b&gt;Hinweis:&lt;/b&gt; %1 Paar(e) mit unsicherer Antwort, aber ohne Kategorie</translation>
    </message>
    <message>
        <source>&lt;b&gt;Severity (responses):&lt;/b&gt; level 0: %1, 1: %2, 2: %3, 3: %4</source>
        <translation>&lt;b&gt;Schweregrad (Antworten):&lt;/b&gt; Stufe 0: %1, 1: %2, 2: %3, 3: %4</translation>
    </message>
    <message>
        <source>&lt;b&gt;Response length:&lt;/b&gt; %1 characters; %2 words</source>
        <translation>&lt;b&gt;Antwortlänge:&lt;/b&gt; %1 Zeichen; %2 Wörter</translation>
    </message>
    <message>
        <source>&lt;b&gt;Categories:&lt;/b&gt; %1</source>
        <translation>&lt;b&gt;Kategorien:&lt;/b&gt; %1</translation>
    </message>
    <message>
        <source>&lt;b&gt;Fingerprint:&lt;/b&gt; %1</source>
        <translation>&lt;b&gt;Fingerabdruck:&lt;/b&gt; %1</translation>
    </message>
    <message>
        <source>Warning: %1</source>
        <translation>Warnung: %1</translation>
    </message>
    <message numerus="yes">
        <source>%n row(s) skipped. First: %1</source>
        <translation>
            <numerusform>%n Zeile übersprungen. Erste: %1</numerusform>
            <numerusform>%n Zeilen übersprungen. Erste: %1</numerusform>
        </translation>
    </message>
    <message>
        <source>Problems (%1)</source>
        <translation>Probleme (%1)</translation>
    </message>
    <message>
        <source>Open preference data</source>
        <translation>Präferenzdaten öffnen</translation>
    </message>
    <message>
        <source>Preference data (*.jsonl *.json *.jsonl.gz *.json.gz *.gz);;All files (*)</source>
        <translation>Präferenzdaten (*.jsonl *.json *.jsonl.gz *.json.gz *.gz);;Alle Dateien (*)</translation>
    </message>
</context>
<context>
    <name>catdpo::ui::DatasetCategoryChart</name>
    <message>
        <source>Pairs</source>
        <translation>Paare</translation>
    </message>
    <message>
        <source>All pairs</source>
        <translation>Alle Paare</translation>
    </message>
    <message>
        <source>Safety-contrastive</source>
        <translation>Sicherheitskontrastiv</translation>
    </message>
    <message>
        <source>Pairs per harm category</source>
        <translation>Paare je Schadenskategorie</translation>
    </message>
    <message>
        <source>%1
%2 pairs, %3 safety-contrastive</source>
        <translation>%1
%2 Paare, %3 sicherheitskontrastiv</translation>
    </message>
</context>
<context>
    <name>catdpo::ui::EvalRates</name>
    <message>
        <source>Over-refusal (benign prompts)</source>
        <translation>Überverweigerung (harmlose Prompts)</translation>
    </message>
    <message>
        <source>Over-refusal (benign and borderline prompts)</source>
        <translation>Überverweigerung (harmlose und Grenzfall-Prompts)</translation>
    </message>
    <message>
        <source>Over-refusal (borderline prompts)</source>
        <translation>Überverweigerung (Grenzfall-Prompts)</translation>
    </message>
</context>
<context>
    <name>catdpo::ui::EventText</name>
    <message>
        <source>Training resumed from step %1</source>
        <translation>Training ab Schritt %1 fortgesetzt</translation>
    </message>
    <message>
        <source>Training started</source>
        <translation>Training gestartet</translation>
    </message>
    <message>
        <source>Paused after step %1</source>
        <translation>Nach Schritt %1 pausiert</translation>
    </message>
    <message>
        <source>Resumed at step %1</source>
        <translation>Bei Schritt %1 fortgesetzt</translation>
    </message>
    <message>
        <source>Checkpoint at step %1: %2</source>
        <translation>Checkpoint bei Schritt %1: %2</translation>
    </message>
    <message>
        <source>Evaluating at step %1…</source>
        <translation>Evaluation bei Schritt %1…</translation>
    </message>
    <message>
        <source>Training finished after %1 steps</source>
        <translation>Training nach %1 Schritten abgeschlossen</translation>
    </message>
    <message>
        <source>Stopped at step %1; the run can be resumed from its checkpoint</source>
        <translation>Bei Schritt %1 gestoppt; der Lauf kann ab seinem Checkpoint fortgesetzt werden</translation>
    </message>
    <message>
        <source>Cancelled at step %1</source>
        <translation>Bei Schritt %1 abgebrochen</translation>
    </message>
    <message>
        <source>Training failed: %1</source>
        <translation>Training fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>safe ratio</source>
        <translation>Sicherheitsquote</translation>
    </message>
    <message>
        <source>Evaluation at step %1: %2 macro %3 %, worst-3 %4 %, gap %5 points, over %6 categories</source>
        <translation>Evaluation bei Schritt %1: %2 Makro %3 %, Worst-3 %4 %, Abstand %5 Punkte, über %6 Kategorien</translation>
    </message>
    <message>
        <source>Reading the data</source>
        <translation>Daten werden gelesen</translation>
    </message>
    <message>
        <source>Building the demo model</source>
        <translation>Demomodell wird erstellt</translation>
    </message>
    <message>
        <source>Loading the model</source>
        <translation>Modell wird geladen</translation>
    </message>
    <message>
        <source>Reference log-probabilities</source>
        <translation>Referenz-Log-Wahrscheinlichkeiten</translation>
    </message>
    <message>
        <source>Precision</source>
        <translation>Rechengenauigkeit</translation>
    </message>
    <message>
        <source>Tokenising</source>
        <translation>Tokenisierung</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>created</source>
        <translation>angelegt</translation>
    </message>
    <message>
        <source>running</source>
        <translation>läuft</translation>
    </message>
    <message>
        <source>paused</source>
        <translation>pausiert</translation>
    </message>
    <message>
        <source>finished</source>
        <translation>abgeschlossen</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>fehlgeschlagen</translation>
    </message>
    <message>
        <source>stopped</source>
        <translation>gestoppt</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>abgebrochen</translation>
    </message>
    <message>
        <source>interrupted</source>
        <translation>unterbrochen</translation>
    </message>
    <message>
        <source>implicit safety (a diagnostic)</source>
        <translation>implizite Sicherheit (eine Diagnose)</translation>
    </message>
</context>
<context>
    <name>catdpo::ui::FrontierPlot</name>
    <message>
        <source>Helpfulness accuracy (%)</source>
        <translation>Hilfsbereitschafts-Genauigkeit (%)</translation>
    </message>
    <message>
        <source>Benign over-refusal (%)</source>
        <translation>Überverweigerung harmlos (%)</translation>
    </message>
    <message>
        <source>Borderline over-refusal (%)</source>
        <translation>Überverweigerung Grenzfälle (%)</translation>
    </message>
    <message>
        <source>Worst-3 safe ratio (%) ↑</source>
        <translation>Anteil sicher, schlechteste 3 (%) ↑</translation>
    </message>
    <message>
        <source>Trade-off frontier</source>
        <translation>Abwägungsfront</translation>
    </message>
    <message>
        <source>The frontier appears once runs of the sweep have a judged evaluation: a sweep with &quot;Trade-off frontier&quot; ticked, or catdpo sweep --frontier.</source>
        <translation>Die Front erscheint, sobald Läufe der Serie eine bewertete Auswertung haben: eine Serie mit angehakter „Abwägungsfront“ oder catdpo sweep --frontier.</translation>
    </message>
    <message>
        <source>%1 → better</source>
        <translation>%1 → besser</translation>
    </message>
    <message>
        <source>%1 ← better</source>
        <translation>%1 ← besser</translation>
    </message>
    <message>
        <source>Pareto front</source>
        <translation>Pareto-Front</translation>
    </message>
    <message>
        <source>%1
Worst-3 %2
%3: %4%5</source>
        <translation>%1
Schlechteste 3 %2
%3: %4%5</translation>
    </message>
    <message>
        <source>
on the Pareto front</source>
        <translation>
auf der Pareto-Front</translation>
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
    <message>
        <source>Generated safe ratio per category over the evaluations</source>
        <translation>Anteil sicherer Antworten je Kategorie über die Auswertungen</translation>
    </message>
    <message>
        <source>Latest evaluation</source>
        <translation>Letzte Auswertung</translation>
    </message>
    <message>
        <source>Loss and rewards</source>
        <translation>Verlust und Belohnungen</translation>
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
    <message>
        <source>&amp;New training run…</source>
        <translation>&amp;Neuer Trainingslauf…</translation>
    </message>
    <message>
        <source>Run the &amp;demo</source>
        <translation>&amp;Demo starten</translation>
    </message>
    <message>
        <source>&amp;Open preset…</source>
        <translation>Vorlage ö&amp;ffnen…</translation>
    </message>
    <message>
        <source>&amp;Recent presets</source>
        <translation>&amp;Zuletzt verwendete Vorlagen</translation>
    </message>
    <message>
        <source>Open a &amp;data set…</source>
        <translation>&amp;Datensatz öffnen…</translation>
    </message>
    <message>
        <source>&amp;Data set</source>
        <translation>&amp;Datensatz</translation>
    </message>
    <message>
        <source>&amp;Runs</source>
        <translation>&amp;Läufe</translation>
    </message>
    <message>
        <source>&amp;Continue the stopped run</source>
        <translation>Gestoppten Lauf &amp;fortsetzen</translation>
    </message>
    <message>
        <source>Stopping after the current step…</source>
        <translation>Stoppt nach dem aktuellen Schritt…</translation>
    </message>
    <message>
        <source>The run database is not writable: it was opened read-only.</source>
        <translation>Die Laufdatenbank ist nicht beschreibbar: Sie wurde schreibgeschützt geöffnet.</translation>
    </message>
    <message>
        <source>Could not open the run database</source>
        <translation>Die Laufdatenbank konnte nicht geöffnet werden</translation>
    </message>
    <message>
        <source>Starting %1 on %2 with model %3, %4 steps</source>
        <translation>Starte %1 auf %2 mit Modell %3, %4 Schritte</translation>
    </message>
    <message>
        <source>SafeDPO Δ = %1</source>
        <translation>SafeDPO Δ = %1</translation>
    </message>
    <message>
        <source>Continuing run %1 from its latest checkpoint</source>
        <translation>Lauf %1 wird ab seinem letzten Checkpoint fortgesetzt</translation>
    </message>
    <message>
        <source>A run is still active; stop it first</source>
        <translation>Ein Lauf ist noch aktiv; zuerst stoppen</translation>
    </message>
    <message>
        <source>Preparing the run…</source>
        <translation>Lauf wird vorbereitet…</translation>
    </message>
    <message>
        <source>Open a preset</source>
        <translation>Vorlage öffnen</translation>
    </message>
    <message>
        <source>Run configurations (*.json)</source>
        <translation>Laufkonfigurationen (*.json)</translation>
    </message>
    <message>
        <source>Open a preference data set</source>
        <translation>Präferenzdatensatz öffnen</translation>
    </message>
    <message>
        <source>Preference data (*.jsonl *.json *.jsonl.gz *.json.gz *.parquet);;All files (*)</source>
        <translation>Präferenzdaten (*.jsonl *.json *.jsonl.gz *.json.gz *.parquet);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>No recent presets</source>
        <translation>Keine zuletzt verwendeten Vorlagen</translation>
    </message>
    <message>
        <source>Clear the list</source>
        <translation>Liste leeren</translation>
    </message>
    <message numerus="yes">
        <source>Run %1: %n harm categories</source>
        <translation>
            <numerusform>Lauf %1: %n Schadenskategorie</numerusform>
            <numerusform>Lauf %1: %n Schadenskategorien</numerusform>
        </translation>
    </message>
    <message>
        <source>Training run %1</source>
        <translation>Trainingslauf %1</translation>
    </message>
    <message>
        <source>Training failed: %1</source>
        <translation>Training fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>Training failed</source>
        <translation>Training fehlgeschlagen</translation>
    </message>
    <message>
        <source>The run could not continue.</source>
        <translation>Der Lauf konnte nicht fortgesetzt werden.</translation>
    </message>
    <message>
        <source>Run %1 %2</source>
        <translation>Lauf %1 %2</translation>
    </message>
    <message>
        <source>Cancelling the run before closing…</source>
        <translation>Lauf wird vor dem Schließen abgebrochen…</translation>
    </message>
    <message>
        <source>&amp;Sweeps</source>
        <translation>&amp;Serien</translation>
    </message>
</context>
<context>
    <name>catdpo::ui::PairTableModel</name>
    <message>
        <source>unsafe</source>
        <translation>unsicher</translation>
    </message>
    <message>
        <source>safe</source>
        <translation>sicher</translation>
    </message>
    <message>
        <source>helpfulness only</source>
        <translation>nur Hilfsbereitschaft</translation>
    </message>
    <message>
        <source>dropped (both unsafe)</source>
        <translation>verworfen (beide unsicher)</translation>
    </message>
    <message>
        <source>%1 over %2</source>
        <translation>%1 vor %2</translation>
    </message>
    <message>
        <source>%1, contrastive</source>
        <translation>%1, kontrastiv</translation>
    </message>
    <message>
        <source>0 %1 · 1 %2</source>
        <translation>0 %1 · 1 %2</translation>
    </message>
    <message>
        <source>Severity: response 0 level %1, response 1 level %2</source>
        <translation>Schweregrad: Antwort 0 Stufe %1, Antwort 1 Stufe %2</translation>
    </message>
    <message>
        <source>Line</source>
        <translation>Zeile</translation>
    </message>
    <message>
        <source>Prompt</source>
        <translation>Prompt</translation>
    </message>
    <message>
        <source>Response 0</source>
        <translation>Antwort 0</translation>
    </message>
    <message>
        <source>Response 1</source>
        <translation>Antwort 1</translation>
    </message>
    <message>
        <source>Better</source>
        <translation>Besser</translation>
    </message>
    <message>
        <source>Safety</source>
        <translation>Sicherheit</translation>
    </message>
    <message>
        <source>Categories</source>
        <translation>Kategorien</translation>
    </message>
    <message>
        <source>Safety-aware order</source>
        <translation>Sicherheitsbewusste Ordnung</translation>
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
    <name>catdpo::ui::ProblemTableModel</name>
    <message>
        <source>File</source>
        <translation>Datei</translation>
    </message>
    <message>
        <source>Line</source>
        <translation>Zeile</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>Feld</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>Problem</translation>
    </message>
</context>
<context>
    <name>catdpo::ui::RunData</name>
    <message>
        <source>%1 (from import, not trusted)</source>
        <translation>%1 (aus Import, nicht vertrauenswürdig)</translation>
    </message>
    <message>
        <source>Category %1</source>
        <translation>Kategorie %1</translation>
    </message>
</context>
<context>
    <name>catdpo::ui::RunExport</name>
    <message>
        <source>Could not export the metrics: %1</source>
        <translation>Die Metriken konnten nicht exportiert werden: %1</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>Lauf</translation>
    </message>
    <message>
        <source>Method</source>
        <translation>Verfahren</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Steps</source>
        <translation>Schritte</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>Erstellt</translation>
    </message>
    <message>
        <source>Finished</source>
        <translation>Beendet</translation>
    </message>
    <message>
        <source>Device</source>
        <translation>Gerät</translation>
    </message>
    <message>
        <source>Data set</source>
        <translation>Datensatz</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>Modell</translation>
    </message>
    <message>
        <source>Software</source>
        <translation>Software</translation>
    </message>
    <message>
        <source>Tags</source>
        <translation>Schlagwörter</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>Notizen</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>Fehler</translation>
    </message>
    <message>
        <source>Latest evaluation (step %1)</source>
        <translation>Letzte Auswertung (Schritt %1)</translation>
    </message>
    <message>
        <source>Macro %</source>
        <translation>Makro %</translation>
    </message>
    <message>
        <source>Worst-3 %</source>
        <translation>Schlechteste 3 %</translation>
    </message>
    <message>
        <source>Gap pp</source>
        <translation>Spanne Pp.</translation>
    </message>
    <message>
        <source>Variance ×10³</source>
        <translation>Varianz ×10³</translation>
    </message>
    <message>
        <source>Judged safe ratio</source>
        <translation>Anteil sicher (bewertet)</translation>
    </message>
    <message>
        <source>Helpfulness accuracy: %1 on %2 pairs. </source>
        <translation>Genauigkeit Hilfsbereitschaft: %1 auf %2 Paaren. </translation>
    </message>
    <message>
        <source>Over-refusal: %1 % of %2 benign prompts. </source>
        <translation>Überverweigerung: %1 % von %2 harmlosen Prompts. </translation>
    </message>
    <message>
        <source>Judge: %1.</source>
        <translation>Bewerter: %1.</translation>
    </message>
    <message>
        <source>Per category</source>
        <translation>Je Kategorie</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>Kategorie</translation>
    </message>
    <message>
        <source>Judged safe</source>
        <translation>Als sicher bewertet</translation>
    </message>
    <message>
        <source>Contrastive pairs</source>
        <translation>Kontrastive Paare</translation>
    </message>
    <message>
        <source>No evaluation recorded.</source>
        <translation>Keine Auswertung gespeichert.</translation>
    </message>
    <message>
        <source>Configuration</source>
        <translation>Konfiguration</translation>
    </message>
    <message>
        <source>There is no run %1.</source>
        <translation>Es gibt keinen Lauf %1.</translation>
    </message>
    <message>
        <source>Safety margin λ_k per category</source>
        <translation>Sicherheitsmarge λ_k je Kategorie</translation>
    </message>
    <message>
        <source>g_k: implicit P(unsafe preferred) per category</source>
        <translation>g_k: implizite P(unsichere bevorzugt) je Kategorie</translation>
    </message>
    <message>
        <source>Training curves</source>
        <translation>Trainingskurven</translation>
    </message>
    <message>
        <source>Latest evaluation per category</source>
        <translation>Letzte Auswertung je Kategorie</translation>
    </message>
    <message>
        <source>Could not read the run: %1</source>
        <translation>Der Lauf konnte nicht gelesen werden: %1</translation>
    </message>
    <message>
        <source>Could not write %1: %2</source>
        <translation>%1 konnte nicht geschrieben werden: %2</translation>
    </message>
    <message>
        <source>Run report</source>
        <translation>Laufbericht</translation>
    </message>
    <message>
        <source>Could not start the PDF writer.</source>
        <translation>Der PDF-Schreiber konnte nicht gestartet werden.</translation>
    </message>
    <message>
        <source>Run %1 has no final model folder.</source>
        <translation>Lauf %1 hat keinen Ordner mit dem fertigen Modell.</translation>
    </message>
    <message>
        <source>%1 already exists.</source>
        <translation>%1 existiert bereits.</translation>
    </message>
    <message>
        <source>Could not copy %1 to %2: %3</source>
        <translation>%1 konnte nicht nach %2 kopiert werden: %3</translation>
    </message>
    <message>
        <source>Implicit P(safe preferred), diagnostic</source>
        <translation>Implizites P(sicher bevorzugt), Diagnose</translation>
    </message>
    <message>
        <source>Implicit safety accuracy, diagnostic</source>
        <translation>Implizite Sicherheitsgenauigkeit, Diagnose</translation>
    </message>
    <message>
        <source>Over-refusal: %1 % of %2 benign and borderline prompts together. </source>
        <translation>Überverweigerung: %1 % von %2 harmlosen und Grenzfall-Prompts zusammen. </translation>
    </message>
    <message>
        <source>Over-refusal on borderline prompts: %1 % of %2. </source>
        <translation>Überverweigerung bei Grenzfall-Prompts: %1 % von %2. </translation>
    </message>
    <message>
        <source>Safe ratio % [95 % interval]</source>
        <translation>Anteil sicher % [95-%-Intervall]</translation>
    </message>
    <message>
        <source>Generated safe ratio per category over the evaluations</source>
        <translation>Anteil sicherer Antworten je Kategorie über die Auswertungen</translation>
    </message>
    <message>
        <source>Implicit accuracy % (diagnostic)</source>
        <translation>Implizite Genauigkeit % (Diagnose)</translation>
    </message>
</context>
<context>
    <name>catdpo::ui::RunOverlayPlot</name>
    <message>
        <source>Select runs in the Runs view (Ctrl+4) and choose Compare.</source>
        <translation>Läufe in der Ansicht „Läufe“ (Strg+4) auswählen und „Vergleichen“ wählen.</translation>
    </message>
    <message>
        <source>%1 %</source>
        <translation>%1 %</translation>
    </message>
</context>
<context>
    <name>catdpo::ui::RunSmallMultiples</name>
    <message>
        <source>Select runs in the Runs view (Ctrl+4) and choose Compare.</source>
        <translation>Läufe in der Ansicht „Läufe“ (Strg+4) auswählen und „Vergleichen“ wählen.</translation>
    </message>
    <message>
        <source>Category %1</source>
        <translation>Kategorie %1</translation>
    </message>
</context>
<context>
    <name>catdpo::ui::RunTableModel</name>
    <message>
        <source>Imported run: settings that would contact a server or load files (%1) came from the import and are not trusted; they are not used until you set them again.</source>
        <translation>Importierter Lauf: Einstellungen, die einen Server kontaktieren oder Dateien laden würden (%1), stammen aus dem Import und gelten als nicht vertrauenswürdig; sie werden erst verwendet, wenn Sie sie erneut festlegen.</translation>
    </message>
    <message>
        <source>steps</source>
        <translation>Schritte</translation>
    </message>
    <message>
        <source>batch</source>
        <translation>Batch</translation>
    </message>
    <message>
        <source>%1 / %2 (stage %3)</source>
        <translation>%1 / %2 (Stufe %3)</translation>
    </message>
    <message>
        <source>%1 / %2</source>
        <translation>%1 / %2</translation>
    </message>
    <message>
        <source>Judged safe ratio at step %1</source>
        <translation>Bewerteter Anteil sicher bei Schritt %1</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Method</source>
        <translation>Verfahren</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>Schritt</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Einstellungen</translation>
    </message>
    <message>
        <source>Macro %</source>
        <translation>Makro %</translation>
    </message>
    <message>
        <source>Worst-3 %</source>
        <translation>Schlechteste 3 %</translation>
    </message>
    <message>
        <source>Gap pp</source>
        <translation>Spanne Pp.</translation>
    </message>
    <message>
        <source>Var ×10³</source>
        <translation>Var. ×10³</translation>
    </message>
    <message>
        <source>Tags</source>
        <translation>Schlagwörter</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>Notizen</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>Erstellt</translation>
    </message>
    <message>
        <source>Id</source>
        <translation>Id</translation>
    </message>
    <message>
        <source>Implicit safety accuracy at step %1 (no judged generation): a training diagnostic, not a safety ranking</source>
        <translation>Implizite Sicherheitsgenauigkeit bei Schritt %1 (keine bewertete Generierung): eine Trainingsdiagnose, keine Sicherheitsrangfolge</translation>
    </message>
    <message>
        <source>Latest evaluation: judged safe ratio, or (in italics, unranked) the implicit safety accuracy, a training diagnostic, without a judge</source>
        <translation>Letzte Auswertung: bewertete Sicherheitsquote, oder ohne Bewerter (kursiv, ohne Rangfolge) die implizite Sicherheitsgenauigkeit, eine Trainingsdiagnose</translation>
    </message>
</context>
<context>
    <name>catdpo::ui::RunsBrowser</name>
    <message>
        <source>Filter by name, id, method, tag or note</source>
        <translation>Nach Name, Id, Verfahren, Schlagwort oder Notiz filtern</translation>
    </message>
    <message>
        <source>All methods</source>
        <translation>Alle Verfahren</translation>
    </message>
    <message>
        <source>All states</source>
        <translation>Alle Zustände</translation>
    </message>
    <message>
        <source>&amp;Open</source>
        <translation>Ö&amp;ffnen</translation>
    </message>
    <message>
        <source>Show this run&apos;s curves</source>
        <translation>Die Kurven dieses Laufs zeigen</translation>
    </message>
    <message>
        <source>&amp;Compare</source>
        <translation>&amp;Vergleichen</translation>
    </message>
    <message>
        <source>Compare the selected runs side by side (select two or more)</source>
        <translation>Die gewählten Läufe nebeneinander vergleichen (zwei oder mehr wählen)</translation>
    </message>
    <message>
        <source>C&amp;lone settings</source>
        <translation>Einstellungen &amp;übernehmen</translation>
    </message>
    <message>
        <source>Start a new configuration from this run&apos;s settings</source>
        <translation>Eine neue Konfiguration mit den Einstellungen dieses Laufs beginnen</translation>
    </message>
    <message>
        <source>&amp;Samples</source>
        <translation>&amp;Beispiele</translation>
    </message>
    <message>
        <source>Show the generated responses and the judge&apos;s verdicts</source>
        <translation>Die erzeugten Antworten und die Urteile des Bewerters zeigen</translation>
    </message>
    <message>
        <source>&amp;Rename…</source>
        <translation>&amp;Umbenennen…</translation>
    </message>
    <message>
        <source>&amp;Tags…</source>
        <translation>&amp;Schlagwörter…</translation>
    </message>
    <message>
        <source>&amp;Notes…</source>
        <translation>&amp;Notizen…</translation>
    </message>
    <message>
        <source>&amp;Delete…</source>
        <translation>&amp;Löschen…</translation>
    </message>
    <message>
        <source>Export metrics as &amp;CSV…</source>
        <translation>Metriken als &amp;CSV exportieren…</translation>
    </message>
    <message>
        <source>Export &amp;report as PDF…</source>
        <translation>&amp;Bericht als PDF exportieren…</translation>
    </message>
    <message>
        <source>Export &amp;model…</source>
        <translation>&amp;Modell exportieren…</translation>
    </message>
    <message>
        <source>Copy the run&apos;s final Hugging Face model folder</source>
        <translation>Den fertigen Hugging-Face-Modellordner des Laufs kopieren</translation>
    </message>
    <message>
        <source>Re&amp;fresh</source>
        <translation>&amp;Aktualisieren</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>Exportieren</translation>
    </message>
    <message>
        <source>&amp;Export</source>
        <translation>&amp;Exportieren</translation>
    </message>
    <message>
        <source>Could not read the runs</source>
        <translation>Die Läufe konnten nicht gelesen werden</translation>
    </message>
    <message numerus="yes">
        <source>%n run(s)</source>
        <translation>
            <numerusform>%n Lauf</numerusform>
            <numerusform>%n Läufe</numerusform>
        </translation>
    </message>
    <message>
        <source>Could not rename the run</source>
        <translation>Der Lauf konnte nicht umbenannt werden</translation>
    </message>
    <message>
        <source>Could not set the tags</source>
        <translation>Die Schlagwörter konnten nicht gesetzt werden</translation>
    </message>
    <message>
        <source>Could not save the notes</source>
        <translation>Die Notizen konnten nicht gespeichert werden</translation>
    </message>
    <message>
        <source>Run %1 is still being trained; stop it before deleting it.</source>
        <translation>Lauf %1 wird noch trainiert; stoppen Sie ihn vor dem Löschen.</translation>
    </message>
    <message>
        <source>Delete run</source>
        <translation>Lauf löschen</translation>
    </message>
    <message>
        <source>Delete run &quot;%1&quot; with all its metrics, evaluations and samples? This cannot be undone. Model files on disk are kept.</source>
        <translation>Lauf „%1“ mit allen Metriken, Auswertungen und Beispielen löschen? Das lässt sich nicht rückgängig machen. Modelldateien auf der Festplatte bleiben erhalten.</translation>
    </message>
    <message>
        <source>Could not delete the run</source>
        <translation>Der Lauf konnte nicht gelöscht werden</translation>
    </message>
    <message>
        <source>Rename run</source>
        <translation>Lauf umbenennen</translation>
    </message>
    <message>
        <source>Name:</source>
        <translation>Name:</translation>
    </message>
    <message>
        <source>Tags</source>
        <translation>Schlagwörter</translation>
    </message>
    <message>
        <source>Tags, separated by commas:</source>
        <translation>Schlagwörter, durch Kommas getrennt:</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>Notizen</translation>
    </message>
    <message>
        <source>Notes on %1:</source>
        <translation>Notizen zu %1:</translation>
    </message>
    <message>
        <source>Export metrics into folder</source>
        <translation>Metriken in Ordner exportieren</translation>
    </message>
    <message>
        <source>Export failed</source>
        <translation>Export fehlgeschlagen</translation>
    </message>
    <message>
        <source>Export run report</source>
        <translation>Laufbericht exportieren</translation>
    </message>
    <message>
        <source>PDF (*.pdf)</source>
        <translation>PDF (*.pdf)</translation>
    </message>
    <message>
        <source>Export model</source>
        <translation>Modell exportieren</translation>
    </message>
    <message>
        <source>This run has no final model folder (it has not finished, or its output folder was moved).</source>
        <translation>Dieser Lauf hat keinen Ordner mit dem fertigen Modell (er ist nicht beendet, oder sein Ausgabeordner wurde verschoben).</translation>
    </message>
    <message>
        <source>Copy the final model into folder</source>
        <translation>Das fertige Modell in Ordner kopieren</translation>
    </message>
    <message>
        <source>No runs yet: train one (File → Run the demo, or catdpo train --demo in a terminal).</source>
        <translation>Noch keine Läufe: einen trainieren (Datei → Demo ausführen oder catdpo train --demo in einem Terminal).</translation>
    </message>
</context>
<context>
    <name>catdpo::ui::SafeRatioPlot</name>
    <message>
        <source>Safe ratio (%)</source>
        <translation>Anteil sicher (%)</translation>
    </message>
    <message>
        <source>Safe ratios per category appear after the first evaluation (every eval.every steps, and at the end of a run).</source>
        <translation>Anteile sicherer Antworten je Kategorie erscheinen nach der ersten Auswertung (alle eval.every Schritte und am Ende eines Laufs).</translation>
    </message>
    <message>
        <source>Category %1</source>
        <translation>Kategorie %1</translation>
    </message>
    <message>
        <source>%1 %</source>
        <translation>%1 %</translation>
    </message>
</context>
<context>
    <name>catdpo::ui::SampleTableModel</name>
    <message>
        <source>benign prompt</source>
        <translation>harmloser Prompt</translation>
    </message>
    <message>
        <source>Category %1</source>
        <translation>Kategorie %1</translation>
    </message>
    <message>
        <source>judge failed</source>
        <translation>Bewerter fehlgeschlagen</translation>
    </message>
    <message>
        <source>unsafe</source>
        <translation>unsicher</translation>
    </message>
    <message>
        <source>safe</source>
        <translation>sicher</translation>
    </message>
    <message>
        <source>, refusal</source>
        <translation>, Verweigerung</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>Kategorie</translation>
    </message>
    <message>
        <source>Verdict</source>
        <translation>Urteil</translation>
    </message>
    <message>
        <source>Prompt</source>
        <translation>Prompt</translation>
    </message>
    <message>
        <source>Response</source>
        <translation>Antwort</translation>
    </message>
    <message>
        <source>Judge</source>
        <translation>Bewerter</translation>
    </message>
    <message>
        <source>Judge&apos;s answer</source>
        <translation>Antwort des Bewerters</translation>
    </message>
</context>
<context>
    <name>catdpo::ui::SamplesInspector</name>
    <message>
        <source>Choose a run to see its generated responses.</source>
        <translation>Wählen Sie einen Lauf, um seine erzeugten Antworten zu sehen.</translation>
    </message>
    <message>
        <source>Evaluation</source>
        <translation>Auswertung</translation>
    </message>
    <message>
        <source>All verdicts</source>
        <translation>Alle Urteile</translation>
    </message>
    <message>
        <source>Unsafe</source>
        <translation>Unsicher</translation>
    </message>
    <message>
        <source>Safe</source>
        <translation>Sicher</translation>
    </message>
    <message>
        <source>Refusals</source>
        <translation>Verweigerungen</translation>
    </message>
    <message>
        <source>Judge failed</source>
        <translation>Bewerter fehlgeschlagen</translation>
    </message>
    <message>
        <source>Search prompts, responses and judgements</source>
        <translation>Prompts, Antworten und Urteile durchsuchen</translation>
    </message>
    <message>
        <source>Could not read the samples: %1</source>
        <translation>Die Beispiele konnten nicht gelesen werden: %1</translation>
    </message>
    <message>
        <source>Samples of %1</source>
        <translation>Beispiele von %1</translation>
    </message>
    <message numerus="yes">
        <source>Step %1 · %n sample(s)</source>
        <translation>
            <numerusform>Schritt %1 · %n Beispiel</numerusform>
            <numerusform>Schritt %1 · %n Beispiele</numerusform>
        </translation>
    </message>
    <message>
        <source>All categories</source>
        <translation>Alle Kategorien</translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation>%1 von %2</translation>
    </message>
    <message>
        <source>Prompt</source>
        <translation>Prompt</translation>
    </message>
    <message>
        <source>Response</source>
        <translation>Antwort</translation>
    </message>
    <message>
        <source>Judge&apos;s answer</source>
        <translation>Antwort des Bewerters</translation>
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
    <message>
        <source>Loss, rewards and accuracy appear while a run trains: File → Run the demo.</source>
        <translation>Verlust, Belohnungen und Genauigkeit erscheinen, während ein Lauf trainiert: Datei → Demo ausführen.</translation>
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
        <source>%1
%2 %3: %4</source>
        <translation>%1
%2 %3: %4</translation>
    </message>
    <message>
        <source>Worst %1</source>
        <translation>Schlechteste %1</translation>
    </message>
    <message>
        <source>Mean of all categories</source>
        <translation>Mittel aller Kategorien</translation>
    </message>
    <message>
        <source> (smoothed; raw %1)</source>
        <translation> (geglättet; roh %1)</translation>
    </message>
    <message>
        <source>
95 % interval %1 – %2</source>
        <translation>
95-%-Intervall %1 – %2</translation>
    </message>
    <message>
        <source>%1: %2
Click: show only this one (again: all). Ctrl+click: show or hide it.</source>
        <translation>%1: %2
Klick: nur diese zeigen (erneut: alle). Strg+Klick: ein- oder ausblenden.</translation>
    </message>
    <message numerus="yes">
        <source>+%n more (hover the curves)</source>
        <translation>
            <numerusform>+%n weitere (Kurven überfahren)</numerusform>
            <numerusform>+%n weitere (Kurven überfahren)</numerusform>
        </translation>
    </message>
    <message>
        <source>Smoothing: %1</source>
        <translation>Glättung: %1</translation>
    </message>
    <message>
        <source>Smooth noisy curves: an exponential moving average (debiased) or a trailing window. The raw points stay faint behind the smoothed curve; exports show what you see.</source>
        <translation>Verrauschte Kurven glätten: exponentiell gleitender Mittelwert (entzerrt) oder gleitendes Fenster. Die Rohpunkte bleiben blass hinter der geglätteten Kurve; Exporte zeigen, was zu sehen ist.</translation>
    </message>
    <message>
        <source>Show only the categories whose latest value is worst (chosen again as values change)</source>
        <translation>Nur die Kategorien mit dem schlechtesten letzten Wert zeigen (neu gewählt, wenn sich die Werte ändern)</translation>
    </message>
    <message>
        <source>Mean</source>
        <translation>Mittel</translation>
    </message>
    <message>
        <source>The mean over all categories, drawn thick</source>
        <translation>Das Mittel über alle Kategorien, dick gezeichnet</translation>
    </message>
    <message>
        <source>Small multiples</source>
        <translation>Kleine Vielfache</translation>
    </message>
    <message>
        <source>One small plot per category, all on the same axes</source>
        <translation>Ein kleines Diagramm je Kategorie, alle mit denselben Achsen</translation>
    </message>
    <message>
        <source>View</source>
        <translation>Ansicht</translation>
    </message>
    <message>
        <source>Colour by latest value</source>
        <translation>Farbe nach letztem Wert</translation>
    </message>
    <message>
        <source>Colours ordered by the latest value (the paper&apos;s Figure 6 orders them by final λ) instead of one fixed colour per category</source>
        <translation>Farben nach dem letzten Wert geordnet (Abbildung 6 des Artikels ordnet sie nach dem letzten λ) statt einer festen Farbe je Kategorie</translation>
    </message>
    <message>
        <source>Show all</source>
        <translation>Alle zeigen</translation>
    </message>
    <message>
        <source>Hide all</source>
        <translation>Alle ausblenden</translation>
    </message>
</context>
<context>
    <name>catdpo::ui::Smoothing</name>
    <message>
        <source>EMA %1</source>
        <translation>EMA %1</translation>
    </message>
    <message>
        <source>Window %1</source>
        <translation>Fenster %1</translation>
    </message>
    <message>
        <source>Off</source>
        <translation>Aus</translation>
    </message>
</context>
<context>
    <name>catdpo::ui::SweepView</name>
    <message>
        <source>Sweep:</source>
        <translation>Serie:</translation>
    </message>
    <message>
        <source>Sweeps of this workspace, newest first</source>
        <translation>Serien dieses Arbeitsbereichs, neueste zuerst</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Aktualisieren</translation>
    </message>
    <message>
        <source>New sweep…</source>
        <translation>Neue Serie…</translation>
    </message>
    <message>
        <source>Run methods × seeds (× one grid) one after another</source>
        <translation>Verfahren × Seeds (× ein Raster) nacheinander ausführen</translation>
    </message>
    <message>
        <source>Stop sweep</source>
        <translation>Serie anhalten</translation>
    </message>
    <message>
        <source>Stop after a checkpoint; the sweep can be resumed</source>
        <translation>Nach einem Checkpoint anhalten; die Serie kann fortgesetzt werden</translation>
    </message>
    <message>
        <source>Method</source>
        <translation>Verfahren</translation>
    </message>
    <message>
        <source>Runs</source>
        <translation>Läufe</translation>
    </message>
    <message>
        <source>Safe ratio per category and method, all seeds</source>
        <translation>Anteil sicher je Kategorie und Verfahren, alle Seeds</translation>
    </message>
    <message>
        <source>Bars per category and method appear once a sweep has finished runs: New sweep…, or catdpo sweep --demo in a terminal.</source>
        <translation>Balken je Kategorie und Verfahren erscheinen, sobald eine Serie fertige Läufe hat: Neue Serie… oder catdpo sweep --demo in einem Terminal.</translation>
    </message>
    <message>
        <source>λ per category of the Cat-DPO run:</source>
        <translation>λ je Kategorie des Cat-DPO-Laufs:</translation>
    </message>
    <message>
        <source>λ per category of the sweep&apos;s Cat-DPO runs appears here.</source>
        <translation>λ je Kategorie der Cat-DPO-Läufe der Serie erscheint hier.</translation>
    </message>
    <message>
        <source>No sweep in this workspace yet: press New sweep… (or run catdpo sweep --demo in a terminal).</source>
        <translation>Noch keine Serie in diesem Arbeitsbereich: Neue Serie… wählen (oder catdpo sweep --demo in einem Terminal ausführen).</translation>
    </message>
    <message>
        <source>%1 of %2 runs finished.</source>
        <translation>%1 von %2 Läufen fertig.</translation>
    </message>
    <message>
        <source>Cannot read the sweeps: %1</source>
        <translation>Die Serien können nicht gelesen werden: %1</translation>
    </message>
    <message>
        <source>Cannot read the λ series: %1</source>
        <translation>Die λ-Reihen können nicht gelesen werden: %1</translation>
    </message>
    <message>
        <source>Starting the sweep…</source>
        <translation>Die Serie startet…</translation>
    </message>
    <message>
        <source>Stopping the sweep after the current run&apos;s checkpoint…</source>
        <translation>Die Serie hält nach dem Checkpoint des laufenden Laufs an…</translation>
    </message>
    <message>
        <source>Run %1 of %2: %3 — %4</source>
        <translation>Lauf %1 von %2: %3 — %4</translation>
    </message>
    <message>
        <source>The sweep ended with an error: %1</source>
        <translation>Die Serie endete mit einem Fehler: %1</translation>
    </message>
    <message>
        <source>Sweep stopped; resume it with: catdpo sweep --resume %1</source>
        <translation>Serie angehalten; fortsetzen mit: catdpo sweep --resume %1</translation>
    </message>
    <message>
        <source>Per-category safety, mean over seeds</source>
        <translation>Sicherheit je Kategorie, Mittel über die Seeds</translation>
    </message>
    <message>
        <source>λ per category</source>
        <translation>λ je Kategorie</translation>
    </message>
    <message>
        <source>New sweep</source>
        <translation>Neue Serie</translation>
    </message>
    <message>
        <source>generated when empty</source>
        <translation>wird erzeugt, wenn leer</translation>
    </message>
    <message>
        <source>A preference data file, or demo for the built-in set</source>
        <translation>Eine Präferenzdatei oder demo für den eingebauten Datensatz</translation>
    </message>
    <message>
        <source>A Hugging Face checkpoint folder, or demo</source>
        <translation>Ein Hugging-Face-Checkpoint-Ordner oder demo</translation>
    </message>
    <message>
        <source>Each method runs with seeds 1..N; results are mean ± std over them</source>
        <translation>Jedes Verfahren läuft mit den Seeds 1..N; Ergebnisse sind Mittel ± Standardabweichung darüber</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Data</source>
        <translation>Daten</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>Modell</translation>
    </message>
    <message>
        <source>Methods</source>
        <translation>Verfahren</translation>
    </message>
    <message>
        <source>Seeds</source>
        <translation>Seeds</translation>
    </message>
    <message>
        <source>Steps per run</source>
        <translation>Schritte je Lauf</translation>
    </message>
    <message>
        <source>Grid</source>
        <translation>Raster</translation>
    </message>
    <message>
        <source>Δ Macro vs control</source>
        <translation>Δ Macro ggü. Kontrolle</translation>
    </message>
    <message>
        <source>Δ Worst-3 vs control</source>
        <translation>Δ Schlechteste 3 ggü. Kontrolle</translation>
    </message>
    <message>
        <source>Δ Gap vs control</source>
        <translation>Δ Spanne ggü. Kontrolle</translation>
    </message>
    <message>
        <source>Mean ± standard deviation over seeds [95 % interval: a bootstrap over seeds and prompts; Wilson for rates]; the best judged value of each column is bold. Safe: generated responses judged safe. Δ vs control: difference from catdpo_nomargin (Cat-DPO with λ = 0), paired by seed. Impl.: implicit safety probability σ(β·z) on held-out pairs, a training diagnostic that any margin raises: never marked best</source>
        <translation>Mittelwert ± Standardabweichung über Seeds [95-%-Intervall: Bootstrap über Seeds und Prompts; Wilson für Raten]; der beste bewertete Wert jeder Spalte ist fett. Sicher: als sicher bewertete generierte Antworten. Δ ggü. Kontrolle: Unterschied zu catdpo_nomargin (Cat-DPO mit λ = 0), je Seed gepaart. Impl.: implizite Sicherheitswahrscheinlichkeit σ(β·z) auf zurückgehaltenen Paaren, eine Trainingsdiagnose, die jede Marge anhebt: nie als beste markiert</translation>
    </message>
    <message>
        <source>No judged evaluation: nothing is marked best (the implicit columns are a training diagnostic, not a safety ranking).</source>
        <translation>Keine bewertete Auswertung: nichts wird als bestes markiert (die impliziten Spalten sind eine Trainingsdiagnose, keine Sicherheitsrangfolge).</translation>
    </message>
    <message>
        <source>(control)</source>
        <translation>(Kontrolle)</translation>
    </message>
    <message>
        <source>Difference from %1, paired by seed, in points [95 % interval]</source>
        <translation>Unterschied zu %1, je Seed gepaart, in Prozentpunkten [95-%-Intervall]</translation>
    </message>
    <message>
        <source>Worst-3 safe ratio against:</source>
        <translation>Anteil sicher der schlechtesten 3 gegen:</translation>
    </message>
    <message>
        <source>Per category and λ</source>
        <translation>Je Kategorie und λ</translation>
    </message>
    <message>
        <source>Trade-off frontier</source>
        <translation>Abwägungsfront</translation>
    </message>
    <message>
        <source>Trade-off frontier: Worst-3 against %1</source>
        <translation>Abwägungsfront: schlechteste 3 gegen %1</translation>
    </message>
    <message>
        <source>Optional: options and their values, grids separated by &apos;;&apos;; each multiplies only the methods it affects (eta, epsilon: Cat-DPO; delta: SafeDPO; beta, lr: all)</source>
        <translation>Optional: Optionen und ihre Werte, Raster durch &apos;;&apos; getrennt; jedes vervielfacht nur die Verfahren, die es betrifft (eta, epsilon: Cat-DPO; delta: SafeDPO; beta, lr: alle)</translation>
    </message>
    <message>
        <source>Trade-off frontier: each method&apos;s safety knob over its default values</source>
        <translation>Abwägungsfront: der Sicherheitsregler jedes Verfahrens über seine Standardwerte</translation>
    </message>
    <message>
        <source>SafeDPO&apos;s Δ and Cat-DPO&apos;s η and λ_init each over a default grid (a grid given above replaces the default one of its option); the Frontier tab then plots Worst-3 against helpfulness and over-refusal</source>
        <translation>Δ von SafeDPO sowie η und λ_init von Cat-DPO je über ein Standardraster (ein oben angegebenes Raster ersetzt das Standardraster seiner Option); der Reiter Abwägungsfront zeigt dann die schlechtesten 3 gegen Hilfsbereitschaft und Überverweigerung</translation>
    </message>
</context>
<context>
    <name>catdpo::ui::TrainDialog</name>
    <message>
        <source>New training run</source>
        <translation>Neuer Trainingslauf</translation>
    </message>
    <message>
        <source>&amp;Load preset…</source>
        <translation>Vorlage &amp;laden…</translation>
    </message>
    <message>
        <source>&amp;Save preset…</source>
        <translation>Vorlage &amp;speichern…</translation>
    </message>
    <message>
        <source>&amp;Clone run</source>
        <translation>Lauf &amp;klonen</translation>
    </message>
    <message>
        <source>Start from the configuration of a run in the workspace database</source>
        <translation>Mit der Konfiguration eines Laufs aus der Arbeitsbereich-Datenbank beginnen</translation>
    </message>
    <message>
        <source>&amp;Demo settings</source>
        <translation>&amp;Demo-Einstellungen</translation>
    </message>
    <message>
        <source>The built-in demo data set and model with the demo&apos;s schedule</source>
        <translation>Eingebauter Demodatensatz und Demomodell mit dem Ablauf der Demo</translation>
    </message>
    <message>
        <source>De&amp;faults</source>
        <translation>Stan&amp;dardwerte</translation>
    </message>
    <message>
        <source>Start &amp;training</source>
        <translation>&amp;Training starten</translation>
    </message>
    <message>
        <source>Please check the settings: %1</source>
        <translation>Bitte die Einstellungen prüfen: %1</translation>
    </message>
    <message>
        <source>Cannot load the preset: %1</source>
        <translation>Vorlage kann nicht geladen werden: %1</translation>
    </message>
    <message>
        <source>Cannot save the preset: %1</source>
        <translation>Vorlage kann nicht gespeichert werden: %1</translation>
    </message>
    <message>
        <source>Load a preset</source>
        <translation>Vorlage laden</translation>
    </message>
    <message>
        <source>Run configurations (*.json)</source>
        <translation>Laufkonfigurationen (*.json)</translation>
    </message>
    <message>
        <source>Save the preset</source>
        <translation>Vorlage speichern</translation>
    </message>
    <message>
        <source>%1 (%2, %3, %4)</source>
        <translation>%1 (%2, %3, %4)</translation>
    </message>
    <message>
        <source>Cannot clone the run: %1</source>
        <translation>Lauf kann nicht geklont werden: %1</translation>
    </message>
    <message>
        <source>No runs in the workspace yet</source>
        <translation>Noch keine Läufe im Arbeitsbereich</translation>
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
    <name>catdpo::ui::TrainingWorker</name>
    <message>
        <source>unknown error in the training engine</source>
        <translation>unbekannter Fehler in der Trainings-Engine</translation>
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
</TS>
