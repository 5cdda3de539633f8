using System.Globalization;

namespace Survey.Domain.Common;

/// <summary>
/// The validation messages of the domain in Bahasa Indonesia and English, chosen by the current UI culture,
/// so that a rule written once speaks both languages wherever it runs (form, API, import).
/// </summary>
public static class Messages
{
    private static readonly Dictionary<string, (string Id, string En)> Texts = new(StringComparer.Ordinal)
    {
        ["NotANumber"] = ("{0} bukan angka yang valid (contoh: 12,5 atau 1.234,5).", "{0} is not a valid number (e.g. 12,5 or 1.234,5)."),
        ["NotAvailableNeedsReason"] = ("Beri alasan mengapa data tidak tersedia.", "Give the reason why the data is not available."),
        ["NotAvailableAndValue"] = ("Pilih salah satu: isi nilai, atau tandai tidak tersedia.", "Choose one: enter a value, or mark it not available."),
        ["BothNumeratorAndDenominator"] = ("Isi pembilang dan penyebut bersama-sama.", "Enter the numerator and the denominator together."),
        ["DenominatorPositive"] = ("Penyebut harus lebih besar dari 0.", "The denominator must be greater than 0."),
        ["NumeratorNotNegative"] = ("Pembilang tidak boleh negatif.", "The numerator must not be negative."),
        ["NumeratorAtMostDenominator"] = ("Untuk persentase, pembilang tidak boleh lebih besar dari penyebut.", "For a percentage, the numerator must not exceed the denominator."),
        ["PercentageRange"] = ("Persentase harus antara 0 dan 100 (tertulis {0}).", "A percentage must lie between 0 and 100 (entered {0})."),
        ["NotNegative"] = ("Nilai tidak boleh negatif.", "The value must not be negative."),
        ["TooLarge"] = ("Angka terlalu besar.", "The number is too large."),
        ["SourceRequired"] = ("Sumber data (OPD) wajib diisi untuk nilai yang dilaporkan.", "The data source (agency) is required for a reported value."),
        ["SourceYearRange"] = ("Tahun data harus antara {0} dan {1}.", "The year of the data must lie between {0} and {1}."),
        ["TooLong"] = ("{0} paling banyak {1} karakter.", "{0} may have at most {1} characters."),
        ["ControlCharacters"] = ("{0} memuat karakter yang tidak diizinkan.", "{0} contains characters that are not allowed."),
        ["UnknownIndicator"] = ("Indikator {0} tidak ada dalam katalog.", "Indicator {0} is not in the catalogue."),
        ["DuplicateIndicator"] = ("Indikator {0} dikirim lebih dari sekali.", "Indicator {0} was sent more than once."),
        ["ReviewUnknownItem"] = ("Butir {0} tidak ada dalam kiriman daerah ini.", "Item {0} is not part of this region's submission."),
        ["ReviewReasonRequired"] = ("Tulis alasan pengembalian agar koordinator tahu apa yang harus diperbaiki.", "Give the reason for returning it, so that the coordinator knows what to fix."),
        ["ReviewNothingReturned"] = ("Tandai setidaknya satu butir untuk dikembalikan sebelum mengembalikan kiriman.", "Mark at least one item as returned before returning the submission."),
        ["ReviewNotSubmitted"] = ("Kiriman ini tidak sedang menunggu keputusan (statusnya bukan \"dikirim\").", "This submission is not awaiting a decision (its status is not \"submitted\")."),
        ["OnlyReturnedEditable"] = ("Hanya butir yang dikembalikan evaluator yang dapat diubah.", "Only the items the evaluator returned can be changed."),
        ["JustificationRequired"] = ("Nilai ini ditandai tidak wajar; beri penjelasan sebelum mengirim.", "This value is flagged as implausible; explain it before submitting."),
        ["Unanswered"] = ("Belum diisi: isi nilainya, atau tandai tidak tersedia dengan alasan.", "Not answered: enter the value, or mark it not available with a reason."),
        ["EvidenceEmpty"] = ("Berkas bukti kosong.", "The evidence file is empty."),
        ["EvidenceTooLarge"] = ("Berkas bukti terlalu besar (paling besar {0} MB). Isian lain tetap tersimpan di formulir; pilih berkas yang lebih kecil.", "The evidence file is too large (at most {0} MB). Your other input is kept; choose a smaller file."),
        ["EvidenceType"] = ("Jenis berkas tidak diterima. Gunakan: {0}.", "This kind of file is not accepted. Use: {0}."),
        ["EvidenceMismatch"] = ("Isi berkas tidak sesuai dengan jenisnya (misalnya program yang diberi nama .pdf). Berkas ditolak.", "The file's content does not match its type (e.g. a program renamed to .pdf). The file was refused."),
        ["EvidenceLink"] = ("Tautan harus alamat lengkap yang diawali https:// (paling banyak 500 karakter).", "A link must be a full address starting with https:// (at most 500 characters)."),
        ["AnswerRequired"] = ("Pertanyaan ini perlu dijawab.", "This question needs an answer."),
        ["AnswerLikert"] = ("Pilih salah satu dari 1 sampai 5, atau Tidak tahu.", "Choose one of 1 to 5, or Don't know."),
        ["AnswerOption"] = ("Pilih salah satu pilihan yang tersedia.", "Choose one of the options given."),
        ["AnswerNumber"] = ("Isi angka antara {0} dan {1}.", "Enter a number between {0} and {1}."),
        ["PublicationUnknownRegion"] = ("Daerah {0} tidak ikut dalam periode ini.", "Region {0} does not take part in this period."),
        ["PublicationDuplicateExclusion"] = ("Daerah {0} dikecualikan lebih dari sekali.", "Region {0} is excluded more than once."),
        ["PublicationExclusionReason"] = ("Tulis alasan mengecualikan {0} (paling sedikit 3 karakter); alasan ini tampil di halaman publik.", "Give the reason for excluding {0} (at least 3 characters); it is shown on the public page."),
        ["PeriodCode"] = ("Kode periode berbentuk TAHUN-S1 atau TAHUN-S2, misalnya 2026-S2.", "A period code is YEAR-S1 or YEAR-S2, e.g. 2026-S2."),
        ["PeriodClosesBeforeOpens"] = ("Tanggal tutup pengisian tidak boleh sebelum tanggal buka.", "Entry must not close before it opens."),
        ["MethodologyVersion"] = ("Metodologi ditulis sebagai versi, misalnya v1.", "The methodology is a version such as v1."),
        ["MethodologyNotLoaded"] = ("Metodologi {0} belum dimuat; pilih versi yang ada di halaman Metodologi.", "Methodology {0} is not loaded; choose a version listed on the Methodology page."),
        ["PeriodExists"] = ("Periode {0} sudah ada.", "Period {0} exists already."),
        ["RegionCode"] = ("Kode daerah adalah kode BPS empat angka, misalnya 3523.", "A region code is the four-digit BPS code, e.g. 3523."),
        ["Length"] = ("{0} harus {1} sampai {2} karakter.", "{0} must have {1} to {2} characters."),
        ["RegionKind"] = ("Jenis daerah: kabupaten atau kota.", "The kind of region is kabupaten or kota."),
        ["EmailInvalid"] = ("Alamat email tidak valid.", "The email address is not valid."),
        ["UserRole"] = ("Peran harus administrator, evaluator, atau koordinator.", "The role must be admin, evaluator or coordinator."),
        ["CoordinatorNeedsRegion"] = ("Koordinator daerah perlu daerah.", "A regional coordinator needs a region."),
        ["OnlyCoordinatorsHaveRegion"] = ("Hanya koordinator dan operator unit yang memiliki daerah.", "Only coordinators and unit operators have a region."),
        ["OperatorNeedsUnit"] = ("Operator unit perlu unit (kode unit di daerahnya).", "A unit operator needs a unit (a unit code of the region)."),
        ["OnlyOperatorsHaveUnit"] = ("Hanya operator unit yang terikat pada unit.", "Only unit operators are bound to a unit."),
        ["RegionUnknown"] = ("Daerah {0} tidak ada dalam registri.", "Region {0} is not in the registry."),
        ["NotYourUnit"] = ("Hanya data unit Anda yang dapat diubah: program milik unit Anda dan indikator yang ditugaskan kepadanya.", "Only your unit's data can be changed: its programmes and the indicators assigned to it."),
        ["ReviewDecision"] = ("Keputusan harus \"return\" (kembalikan) atau \"approve\" (setujui).", "The decision must be \"return\" or \"approve\"."),
        ["RegionExists"] = ("Daerah {0} sudah ada.", "Region {0} exists already."),
        ["UnitKind"] = ("Jenis unit harus salah satu dari: {0}.", "The unit kind must be one of: {0}."),
        ["UnitSubtype"] = ("Subjenis perangkat daerah harus salah satu dari: {0}.", "The agency sub-type must be one of: {0}."),
        ["UnitSubtypeAgencyOnly"] = ("Subjenis hanya untuk perangkat daerah.", "Only an agency has a sub-type."),
        ["VillageCode"] = ("Kode desa/kelurahan harus kode Kemendagri seperti 35.23.12.2002.", "A village code must be a Kemendagri code such as 35.23.12.2002."),
        ["VillageOutsideRegion"] = ("Kode {0} bukan desa/kelurahan di daerah ini: kodenya harus diawali {1}.", "Code {0} is not a village of this region: its code must begin with {1}."),
        ["UnitCode"] = ("Kode unit 2-32 huruf besar, angka, - atau _, misalnya DISKOMINFO.", "A unit code is 2-32 capitals, digits, - or _, for example DISKOMINFO."),
        ["UnitExists"] = ("Unit dengan kode {0} sudah ada di daerah ini.", "A unit with code {0} exists in this region already."),
        ["VillageCsvHeader"] = ("Baris pertama harus berisi kolom code,name (atau kemendagri_code,name).", "The first line must hold the columns code,name (or kemendagri_code,name)."),
        ["ProgrammeUnit"] = ("Unit {0} tidak ada atau tidak aktif di daerah ini.", "Unit {0} does not exist or is not active in this region."),
        ["UnitCodeFixed"] = ("Kode unit tidak dapat diubah; tambahkan unit baru bila perlu.", "A unit's code cannot change; add a new unit if needed."),
        ["TooManyRows"] = ("Berkas memuat lebih dari {0} baris.", "The file holds more than {0} rows."),
        ["VillageCsvLine"] = ("Baris {0}: {1}", "Line {0}: {1}"),
        ["VillageCsvTwice"] = ("Baris {0}: kode {1} sudah ada di baris {2}.", "Line {0}: code {1} is on line {2} already."),
        ["RegionPatchBody"] = ("Kirim objek JSON dengan cohort_year dan/atau participating.", "Send a JSON object with cohort_year and/or participating."),
        ["CohortYear"] = ("Tahun angkatan harus tahun 2017 atau sesudahnya, atau null.", "The cohort year must be 2017 or later, or null."),
        ["Participating"] = ("Ikut evaluasi harus true atau false.", "Participating must be true or false."),
        ["CsvLine"] = ("baris {0}: {1}", "line {0}: {1}"),
        ["CsvHeaderMissing"] = ("baris 1: judul kolom {0} tidak ada", "line 1: the header {0} is missing"),
        ["CsvHeader"] = ("baris 1: judul kolom harus {0} (tertulis {1})", "line 1: the header must be {0} (found {1})"),
        ["CsvFieldCount"] = ("baris {0}: seharusnya {1} kolom ({2}), tertulis {3}", "line {0}: expected {1} fields ({2}), found {3}"),
        ["CsvDuplicateCode"] = ("baris {0}: kode {1} sudah ada di baris {2}", "line {0}: code {1} appears already on line {2}"),
        ["CsvNoRegions"] = ("berkas tidak memuat daerah", "the file holds no regions"),
        ["ElementNotInDimension"] = ("Elemen {0} bukan bagian dari dimensi {1}; pilih elemen dari daftar dimensi itu.", "Element {0} is not part of dimension {1}; choose an element listed under it."),
        ["NotADate"] = ("{0} bukan tanggal yang valid (contoh: 17/08/2024).", "{0} is not a valid date (e.g. 17/08/2024)."),
        ["CoUnitIsOwner"] = ("Unit {0} sudah pemilik program; unit pendamping harus unit lain.", "Unit {0} owns the programme already; a co-owner must be another unit."),
        ["DuplicateUnit"] = ("Unit yang sama disebut lebih dari sekali.", "The same unit is named more than once."),
        ["ReplicationStatus"] = ("Status replikasi harus direncanakan (planned), berjalan (running) atau berhenti (stopped); tertulis \"{0}\".", "A replication's status must be planned, running or stopped; found \"{0}\"."),
        ["UnitReadyBlocks"] = ("Kontribusi unit ini sudah ditandai siap. Minta koordinator daerah mengembalikannya bila masih perlu diubah.", "This unit's contribution is marked ready. Ask the regional coordinator to return it if it still needs changes."),
        ["UnitNotReady"] = ("Kontribusi unit ini belum ditandai siap, jadi tidak dapat dikembalikan.", "This unit's contribution is not marked ready, so it cannot be returned."),
        ["UnitReturnReason"] = ("Tulis alasan pengembalian agar unit tahu apa yang harus diperbaiki.", "Give the reason for returning it, so that the unit knows what to fix."),
        ["UnitUnfilled"] = ("Masih ada {0} indikator yang ditugaskan ke unit ini tanpa nilai: {1}. Isi nilainya atau tandai tidak tersedia dengan alasan.", "{0} indicator(s) assigned to this unit have no value yet: {1}. Enter them or mark them not available with a reason."),
        ["UnitNothing"] = ("Unit ini belum punya indikator yang ditugaskan atau program; tidak ada yang dapat ditandai siap.", "This unit has no assigned indicator and no programme; there is nothing to mark ready."),
        ["UnitInactive"] = ("Unit {0} tidak aktif.", "Unit {0} is not active."),
        ["Required"] = ("{0} wajib diisi.", "{0} is required."),
        ["RiskUnknownCode"] = ("{0} \"{1}\" tidak dikenal dalam kriteria risiko {2}.", "{0} '{1}' is not known to the risk criteria {2}."),
        ["RiskType"] = ("Jenis risiko harus negatif atau positif.", "The risk type must be negative or positive."),
        ["RiskResidualBoth"] = ("Isi kemungkinan dan dampak sasaran bersama-sama.", "Give the target likelihood and impact together."),
        ["RiskActionNeedsUnit"] = ("Risiko ini melampaui selera risiko (besaran {0}): setiap aksi perlu unit penanggung jawab.", "This risk exceeds the risk appetite (magnitude {0}): every action needs a responsible unit."),
        ["RiskActionNeedsDue"] = ("Risiko ini melampaui selera risiko (besaran {0}): setiap aksi perlu tenggat.", "This risk exceeds the risk appetite (magnitude {0}): every action needs a due date."),
        ["RiskActionDueBeforePeriod"] = ("Tenggat {0} jatuh sebelum periode dimulai ({1}).", "The due date {0} falls before the period begins ({1})."),
        ["RiskActionTooMany"] = ("Paling banyak {0} aksi per risiko.", "At most {0} actions per risk."),
        ["Range"] = ("{0} harus antara {1} dan {2}.", "{0} must lie between {1} and {2}."),
    };

    /// <summary>The message <paramref name="code"/> in the current UI language, formatted with id-ID numbers.</summary>
    public static string Get(string code, params object[] arguments)
    {
        var (id, en) = Texts[code];
        var template = CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en" ? en : id;
        return string.Format(CultureInfo.GetCultureInfo("id-ID"), template, arguments);
    }

    private static readonly Dictionary<string, (string Id, string En)> FieldNames = new(StringComparer.Ordinal)
    {
        ["value"] = ("Nilai", "Value"),
        ["numerator"] = ("Pembilang", "Numerator"),
        ["denominator"] = ("Penyebut", "Denominator"),
        ["not_available_reason"] = ("Alasan tidak tersedia", "Reason not available"),
        ["source"] = ("Sumber data (OPD)", "Data source (agency)"),
        ["source_document"] = ("Dokumen sumber", "Source document"),
        ["source_year"] = ("Tahun data", "Year of the data"),
        ["note"] = ("Catatan", "Note"),
        ["reason"] = ("Alasan", "Reason"),
        ["justification"] = ("Penjelasan", "Justification"),
        ["name"] = ("Nama", "Name"),
        ["description"] = ("Deskripsi", "Description"),
        ["agency"] = ("OPD penanggung jawab", "Responsible agency"),
        ["start_year"] = ("Tahun mulai", "Start year"),
        ["budget"] = ("Anggaran", "Budget"),
        ["maturity_level"] = ("Tingkat kematangan", "Maturity level"),
        ["title"] = ("Judul", "Title"),
        ["likelihood"] = ("Kemungkinan", "Likelihood"),
        ["impact"] = ("Dampak", "Impact"),
        ["mitigation"] = ("Mitigasi", "Mitigation"),
        ["owner"] = ("Pemilik risiko", "Risk owner"),
        ["type"] = ("Jenis risiko", "Risk type"),
        ["category"] = ("Kategori risiko", "Risk category"),
        ["impact_area"] = ("Area dampak", "Impact area"),
        ["event"] = ("Kejadian", "Event"),
        ["cause"] = ("Penyebab", "Cause"),
        ["consequence"] = ("Akibat", "Consequence"),
        ["existing_controls"] = ("Pengendalian yang ada", "Existing controls"),
        ["treatment_option"] = ("Pilihan penanganan", "Treatment option"),
        ["residual_likelihood"] = ("Kemungkinan sasaran", "Target likelihood"),
        ["residual_impact"] = ("Dampak sasaran", "Target impact"),
        ["actions"] = ("Rencana aksi", "Action plan"),
        ["action"] = ("Aksi", "Action"),
        ["output"] = ("Keluaran", "Output"),
        ["due"] = ("Tenggat", "Due date"),
        ["cost"] = ("Biaya", "Cost"),
        ["dimension"] = ("Dimensi", "Dimension"),
        ["answer"] = ("Jawaban", "Answer"),
        ["element"] = ("Elemen", "Element"),
        ["code"] = ("Kode", "Code"),
        ["entry_opens"] = ("Tanggal buka pengisian", "Entry opens"),
        ["entry_closes"] = ("Tanggal tutup pengisian", "Entry closes"),
        ["methodology"] = ("Metodologi", "Methodology"),
        ["province"] = ("Provinsi", "Province"),
        ["head"] = ("Kepala unit", "Head of the unit"),
        ["contact"] = ("Kontak", "Contact"),
        ["kind"] = ("Jenis", "Kind"),
        ["subtype"] = ("Subjenis", "Sub-type"),
        ["unit"] = ("Unit", "Unit"),
        ["co_units"] = ("Unit pendamping", "Co-owner units"),
        ["replications"] = ("Replikasi", "Replications"),
        ["since"] = ("Sejak", "Since"),
        ["district"] = ("Kecamatan", "District"),
        ["active"] = ("Aktif", "Active"),
        ["email"] = ("Email", "Email"),
        ["password"] = ("Kata sandi", "Password"),
    };

    /// <summary>The name of a field in the current UI language.</summary>
    public static string Field(string field)
    {
        if (!FieldNames.TryGetValue(field, out var names))
        {
            return field;
        }

        return CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en" ? names.En : names.Id;
    }

    /// <summary>Every message code (for tests).</summary>
    public static IReadOnlyCollection<string> Codes => Texts.Keys;
}
