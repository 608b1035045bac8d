package analysis

import (
	"math/rand/v2"
	"strconv"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

// The benchmark texts are generated: words drawn with a Zipf distribution
// from vocabularies written for this file (most frequent first), in
// sentences of 6–24 words with capitals, commas, full stops and the odd
// number, about as punctuated as archival prose.

var englishVocab = strings.Fields(`
the of and to in a that was for on by with as at from his it which be had
is were this not he but an their have are or they been would all there
its has we one who our will also him them than into only other any no
upon these should government soviet party committee letter report meeting
minister chairman comrade general secretary people state question foreign
military central delegation telegram president embassy decision situation
agreement treaty conference negotiations political economic army border
region council officials orders instructions received informed proposed
discussed regarding concerning documents archive copy original translation
first second third year years month day morning evening night week time
again already further however therefore because before after during between
against under without within through about above below toward among
moscow beijing washington london berlin paris tokyo stalin molotov mao
khrushchev zhou truman churchill roosevelt eisenhower kennedy
said says told asked answered replied stated declared wrote sent signed
approved rejected requested demanded insisted considered believed understood
important necessary possible difficult serious urgent secret confidential
new old great small large many several few whole entire certain particular
question questions problem problems matter matters affairs interests
forces troops weapons aircraft ships divisions supplies equipment assistance
trade grain oil coal steel industry workers peasants factories railways
communist nationalist revolutionary socialist international national local
provincial district city village capital territory population refugees
declaration statement memorandum protocol minutes record notes cable dispatch
answering raising leading following according including regarding considering
relations cooperation friendship alliance hostility tension crisis conflict
war peace victory defeat occupation liberation independence sovereignty
`)

var russianVocab = strings.Fields(`
и в не на что с по как к о из за это от его так для он но было же
бы она при их был все был были до уже также только также если после
товарищ товарищи товарища товарищу товарищем сталин сталина сталину
молотов молотова хрущёв хрущёва москва москве москвы пекин пекина
правительство правительства правительству правительством советский
советского советскому советской советские советских партия партии
партией комитет комитета комитету центральный центрального письмо
письма письме письмом письмах телеграмма телеграммы телеграмму
телеграммой совещание совещания совещании заседание заседания
решение решения решению решением вопрос вопроса вопросу вопросом
вопросы вопросов положение положения обстановка обстановки делегация
делегации договор договора договору соглашение соглашения переговоры
переговоров граница границы границе район района районе области
войска войск армия армии оружие оружия помощь помощи торговля
торговли хлеб хлеба нефть нефти уголь рабочие рабочих крестьяне
крестьян заводы заводов революция революции революционный война
войны мир мира победа победы независимость независимости народ
народа народов государство государства государственный секретно
совершенно срочно сообщаю сообщил сообщает просим просил предлагаю
предложил предложение считаю считает считал необходимо возможно
следует прошу указание указания указаний приказ приказа доклад
доклада докладе записка записки протокол протокола архив архива
фонд опись дело лист листы копия подлинник перевод года году год
месяца января февраля марта апреля мая июня июля августа сентября
октября ноября декабря утром вечером сегодня вчера завтра ещё
`)

var chineseVocab = strings.Fields(`
的 了 在 是 和 中国 苏联 我们 他们 政府 人民 问题 关于 同志 委员会
中央 主席 总理 外交部 大使馆 会议 会谈 协定 条约 北京 莫斯科 毛泽东
周恩来 斯大林 赫鲁晓夫 电报 报告 指示 意见 决定 讨论 同意 建议 要求
军队 边界 新疆 伊犁 地区 省 县 工作 经济 援助 贸易 石油 粮食 工人
农民 革命 战争 和平 独立 国家 民族 关系 友好 合作 发展 建设 计划
情况 目前 已经 必须 可以 应该 认为 表示 提出 答复 来信 收到 转告
一九四五年 一九五零年 第一 第二 双方 代表团 谈判 签订 文件 档案 原件
翻译 抄件 机密 绝密 急 月 日 年 时 上午 下午 晚上 今天 明天
`)

// genText generates about n bytes of prose from vocab, capitalising
// sentence starts; sep is the word separator (none for Chinese), comma and
// stop the punctuation.
func genText(vocab []string, n int, sep, comma, stop string) string {
	r := rand.New(rand.NewPCG(1, 2))
	zipf := rand.NewZipf(r, 1.1, 2, uint64(len(vocab)-1))
	var b strings.Builder
	for b.Len() < n {
		words := 6 + r.IntN(19)
		for i := range words {
			w := vocab[zipf.Uint64()]
			if r.IntN(40) == 0 {
				w = strconv.Itoa(1900 + r.IntN(80))
			}
			if i == 0 {
				first, size := utf8.DecodeRuneInString(w)
				w = string(unicode.ToUpper(first)) + w[size:]
			} else {
				b.WriteString(sep)
			}
			b.WriteString(w)
			if i > 0 && i < words-1 && r.IntN(8) == 0 {
				b.WriteString(comma)
			}
		}
		b.WriteString(stop)
	}
	return b.String()
}

func benchAnalyze(b *testing.B, text string) {
	a := NewAnalyzer()
	terms := 0
	a.Analyze(text, 0, func(Token) {}) // fill the stem caches: steady state
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		a.Analyze(text, 0, func(t Token) { terms += len(t.Term) })
	}
	if terms == 0 {
		b.Fatal("no terms")
	}
}

func BenchmarkAnalyzeEnglish(b *testing.B) {
	benchAnalyze(b, genText(englishVocab, 1<<20, " ", ",", ". "))
}

func BenchmarkAnalyzeRussian(b *testing.B) {
	benchAnalyze(b, genText(russianVocab, 1<<20, " ", ",", ". "))
}

func BenchmarkAnalyzeChinese(b *testing.B) {
	benchAnalyze(b, genText(chineseVocab, 1<<20, "", "，", "。"))
}
