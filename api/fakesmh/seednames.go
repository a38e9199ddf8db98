package fakesmh

import (
	"strconv"
	"time"
)

// lang is the language a folder's people write names in.
type lang uint8

const (
	zh lang = iota
	ja
	en
)

// fileKind is what a seeded file is, which decides its name and size.
type fileKind uint8

const (
	kPhoto fileKind = iota
	kScreenshot
	kDesign
	kVideo
	kRawVideo
	kWord
	kExcel
	kPPT
	kPDF
	kText
	numKinds
)

// profile weights the kinds of files found in a kind of folder.
type profile [numKinds]int

// folderTpl is a folder pattern: {Y} year, {Q} quarter, {M} 01–12, {m} 1–12.
type folderTpl struct {
	pattern string
	lang    lang
	prof    profile
	weight  int
}

// tables holds the seeding vocabularies. It is built per generation so the
// package has no global state.
type tables struct {
	folders  []folderTpl
	subs     [3][]string // optional deeper folders
	dirs     [3][]string // names of deleted sub-folders
	cleanups [3][]string // names of deleted folders whose files were removed first
}

func newTables() *tables {
	var (
		media    = profile{kPhoto: 35, kScreenshot: 10, kDesign: 20, kVideo: 25, kPPT: 10}
		photos   = profile{kPhoto: 85, kVideo: 15}
		video    = profile{kVideo: 100}
		rawVideo = profile{kRawVideo: 100}
		docs     = profile{kScreenshot: 5, kWord: 30, kExcel: 15, kPPT: 15, kPDF: 25, kText: 10}
		finance  = profile{kPhoto: 15, kWord: 5, kExcel: 45, kPDF: 35}
		design   = profile{kScreenshot: 15, kDesign: 60, kPPT: 10, kPDF: 15}
		mixed    = profile{kPhoto: 20, kScreenshot: 15, kDesign: 5, kVideo: 10, kWord: 15, kExcel: 10, kPPT: 5, kPDF: 15, kText: 5}
	)
	return &tables{
		folders: []folderTpl{
			{"项目/{Y}/市场部/活动素材", zh, media, 9},
			{"项目/{Y}/市场部/新闻稿", zh, docs, 4},
			{"项目/{Y}/研发部/需求文档", zh, docs, 5},
			{"项目/{Y}/研发部/测试报告", zh, docs, 3},
			{"共享/会议记录/{Y}-{M}", zh, docs, 4},
			{"财务/报销/{Y}年{m}月", zh, finance, 4},
			{"设计部/品牌/主视觉", zh, design, 4},
			{"照片/{Y}/三亚团建", zh, photos, 4},
			{"照片/{Y}/年会", zh, photos, 3},
			{"视频/发布会/{Y}", zh, video, 3},
			{"客户/华东区/合同", zh, docs, 2},
			{"写真/{Y}/京都旅行", ja, photos, 4},
			{"写真/{Y}/北海道", ja, photos, 2},
			{"資料/営業部/提案書", ja, docs, 3},
			{"共有/議事録/{Y}", ja, docs, 2},
			{"動画/編集済み", ja, video, 2},
			{"projects/{Y}/q{Q}/design", en, design, 5},
			{"projects/{Y}/q{Q}/specs", en, docs, 4},
			{"Marketing/Campaigns/Spring {Y}", en, media, 5},
			{"Marketing/Campaigns/Black Friday {Y}", en, media, 3},
			{"Marketing/Social/{Y}-{M}", en, media, 3},
			{"Finance/Reports/{Y}", en, finance, 3},
			{"HR/Onboarding", en, docs, 2},
			{"Video/Raw Footage/Drone", en, rawVideo, 2},
			{"Engineering/Docs/Architecture", en, docs, 2},
			{"Clients/Acme Corp/Contracts", en, docs, 2},
			{"Photos/{Y}/{Y}-{M}", en, photos, 3},
			{"", zh, mixed, 2}, // the space root
		},
		subs: [3][]string{
			{"原始素材", "第二轮", "终稿"},
			{"修正版", "元データ"},
			{"raw", "round 2", "final", "exports"},
		},
		dirs: [3][]string{
			{"新建文件夹", "新建文件夹 (2)", "旧版本", "备份", "素材-未用", "草稿"},
			{"新しいフォルダー", "下書き", "バックアップ"},
			{"New Folder", "old", "drafts", "Exports", "backup-2023", "tmp"},
		},
		cleanups: [3][]string{
			{"第一版素材", "活动素材-旧", "初稿"},
			{"ボツ案", "旧データ"},
			{"Archive", "Round 1", "old assets"},
		},
	}
}

// expand fills a folder pattern's placeholders.
func expand(pattern string, year, month int) string {
	out := make([]byte, 0, len(pattern)+8)
	for i := 0; i < len(pattern); i++ {
		if pattern[i] == '{' && i+2 < len(pattern) && pattern[i+2] == '}' {
			switch pattern[i+1] {
			case 'Y':
				out = strconv.AppendInt(out, int64(year), 10)
			case 'Q':
				out = strconv.AppendInt(out, int64((month-1)/3+1), 10)
			case 'M':
				if month < 10 {
					out = append(out, '0')
				}
				out = strconv.AppendInt(out, int64(month), 10)
			case 'm':
				out = strconv.AppendInt(out, int64(month), 10)
			}
			i += 2
			continue
		}
		out = append(out, pattern[i])
	}
	return string(out)
}

// pick returns a random element of list.
func (g *gen) pick(list []string) string { return list[g.r.IntN(len(list))] }

// num is a zero-padded decimal of width digits.
func num(n, width int) string {
	s := strconv.Itoa(n)
	for len(s) < width {
		s = "0" + s
	}
	return s
}

// stamp formats t like phone cameras name files: 20240612_143210.
func stamp(t time.Time, sep string) string {
	return t.Format("20060102") + sep + t.Format("150405")
}

// shot is the next camera file number: consecutive within a burst, as when
// a whole card's worth of photos is deleted.
func (g *gen) shot() int {
	g.seq = g.seq%9999 + 1
	return g.seq
}

// fileName invents a name for a file of kind k written in language l at t.
func (g *gen) fileName(k fileKind, l lang, t time.Time) string {
	r := g.r
	day := t.Format("2006-01-02")
	switch k {
	case kPhoto:
		if r.IntN(100) == 0 {
			return g.pick([]string{"📷 家族合影.jpg", "🎉 年会合影.jpg", "🌸 桜_" + num(r.IntN(40)+1, 2) + ".jpg", "📷 team photo.jpg"})
		}
		switch r.IntN(4) {
		case 0:
			return "IMG_" + num(g.shot(), 4) + ".JPG"
		case 1:
			return "IMG_" + num(g.shot(), 4) + ".HEIC"
		}
		switch l {
		case zh:
			return g.pick([]string{"微信图片_" + stamp(t, ""), "mmexport" + strconv.FormatInt(t.UnixMilli(), 10),
				"三亚-海边-" + num(r.IntN(60)+1, 2), "年会-合影-" + num(r.IntN(30)+1, 2), "发票照片_" + num(r.IntN(90)+1, 2)}) + ".jpg"
		case ja:
			return g.pick([]string{"京都-金閣寺-" + num(r.IntN(40)+1, 2), "伏見稲荷_" + num(r.IntN(40)+1, 2),
				"函館の夜景_" + num(r.IntN(20)+1, 2), "DSC" + num(g.shot(), 5)}) + ".jpg"
		}
		return g.pick([]string{"PXL_" + stamp(t, "_") + num(r.IntN(1000), 3), "DSC" + num(g.shot(), 5),
			"team offsite " + num(r.IntN(80)+1, 2), "receipt " + day}) + ".jpg"
	case kScreenshot:
		clock := t.Format("15.04.05")
		switch l {
		case zh:
			return "截屏" + day + " " + clock + ".png"
		case ja:
			return "スクリーンショット " + day + " " + clock + ".png"
		}
		return "Screenshot " + day + " at " + clock + ".png"
	case kDesign:
		ext := g.pick([]string{".png", ".png", ".jpg"})
		switch l {
		case zh:
			return g.pick([]string{"海报", "主视觉", "横幅", "邀请函", "长图", "易拉宝"}) + "-" + g.pick([]string{"v1", "v2", "v3", "终稿", "终稿2", "修改版", "定稿"}) + ext
		case ja:
			return g.pick([]string{"バナー", "チラシ", "ロゴ", "サムネイル"}) + "_" + g.pick([]string{"v1", "v2", "修正", "最終"}) + ext
		}
		return g.pick([]string{"banner", "hero", "logo", "poster", "social-post", "thumbnail"}) + "_" + g.pick([]string{"v1", "v2", "v3", "final", "final-final", "approved"}) + g.pick([]string{"", "@2x"}) + ext
	case kVideo:
		if r.IntN(3) == 0 {
			return g.pick([]string{"IMG_" + num(g.shot(), 4) + ".MOV", "VID_" + stamp(t, "_") + ".mp4"})
		}
		switch l {
		case zh:
			return g.pick([]string{"发布会直播回放.mp4", "产品演示-终版.mp4", "年会节目-" + num(r.IntN(20)+1, 2) + ".mp4", "🎬 花絮.mp4"})
		case ja:
			return g.pick([]string{"プロモーション動画_v" + strconv.Itoa(r.IntN(4)+1) + ".mov", "インタビュー_" + num(r.IntN(12)+1, 2) + ".mp4"})
		}
		return g.pick([]string{"Spring campaign teaser " + g.pick([]string{"15", "30", "60"}) + "s.mp4",
			"Interview - " + g.pick([]string{"Maria", "Ken", "Li Wei"}) + " (raw).mov", "screen recording " + day + ".mov"})
	case kRawVideo:
		return g.pick([]string{"DJI_" + num(g.shot(), 4) + ".MP4", "C" + num(r.IntN(999)+1, 4) + ".MP4", "A001_C" + num(r.IntN(99)+1, 3) + ".mov"})
	case kWord:
		switch l {
		case zh:
			return g.pick([]string{"会议纪要 " + day, "需求说明书 v1." + strconv.Itoa(r.IntN(9)), "项目周报-第" + strconv.Itoa(r.IntN(52)+1) + "周", "新闻稿-" + day, "合同草案", "述职报告-张伟"}) + ".docx"
		case ja:
			return g.pick([]string{"議事録_" + day, "企画書_v" + strconv.Itoa(r.IntN(5)+1), "契約書（案）"}) + ".docx"
		}
		return g.pick([]string{"Meeting notes " + day, "Onboarding checklist", "Press release draft v" + strconv.Itoa(r.IntN(5)+1), "Offer letter - Jane Doe", "Spec v2." + strconv.Itoa(r.IntN(9))}) + ".docx"
	case kExcel:
		switch l {
		case zh:
			return g.pick([]string{"预算表-" + t.Format("2006"), "报销明细-" + strconv.Itoa(int(t.Month())) + "月", "客户名单", "排期表", "销售数据 " + day}) + ".xlsx"
		case ja:
			return g.pick([]string{"売上集計_" + strconv.Itoa(int(t.Month())) + "月", "見積一覧", "シフト表"}) + ".xlsx"
		}
		return g.pick([]string{"Budget " + t.Format("2006") + ".xlsx", "Q" + strconv.Itoa(r.IntN(4)+1) + " forecast.xlsx", "headcount plan.xlsx", "data export " + day + ".csv"})
	case kPPT:
		switch l {
		case zh:
			return g.pick([]string{"季度汇报 Q" + strconv.Itoa(r.IntN(4)+1), "活动方案", "述职报告", "产品发布会-" + t.Format("2006")}) + ".pptx"
		case ja:
			return g.pick([]string{"提案書_v" + strconv.Itoa(r.IntN(5)+1), "会社紹介"}) + ".pptx"
		}
		return g.pick([]string{"Q" + strconv.Itoa(r.IntN(4)+1) + " Roadmap", "Design review", "All hands " + day, "Pitch deck v" + strconv.Itoa(r.IntN(9)+1)}) + ".pptx"
	case kPDF:
		switch l {
		case zh:
			return g.pick([]string{"发票-" + num(r.IntN(99999999), 8), "合同扫描件", "产品白皮书", "电子发票_" + stamp(t, "")}) + ".pdf"
		case ja:
			return g.pick([]string{"見積書_株式会社サクラ", "請求書_" + num(r.IntN(9999), 4)}) + ".pdf"
		}
		return g.pick([]string{"Contract - Acme Corp (signed)", "Invoice #" + strconv.Itoa(r.IntN(9000)+1000), "Architecture overview", "boarding-pass"}) + ".pdf"
	}
	switch l {
	case zh:
		return g.pick([]string{"笔记.txt", "新建文本文档.txt", "说明.txt", "待办.txt"})
	case ja:
		return g.pick([]string{"メモ.txt", "新規テキスト ドキュメント.txt"})
	}
	return g.pick([]string{"README.txt", "notes.txt", "todo.md", "CHANGELOG.md"})
}

// sizeRange is the [min,max] size in bytes of a kind, drawn log-uniformly.
func sizeRange(k fileKind) (uint64, uint64) {
	const kb, mb, gb = 1 << 10, 1 << 20, 1 << 30
	switch k {
	case kPhoto:
		return 200 * kb, 12 * mb
	case kScreenshot:
		return 200 * kb, 4 * mb
	case kDesign:
		return 300 * kb, 30 * mb
	case kVideo:
		return 20 * mb, 8 * gb
	case kRawVideo:
		return gb, 50 * gb
	case kWord:
		return 12 * kb, 8 * mb
	case kExcel:
		return 8 * kb, 20 * mb
	case kPPT:
		return 200 * kb, 50 * mb
	case kPDF:
		return 40 * kb, 30 * mb
	}
	return kb, 200 * kb
}
