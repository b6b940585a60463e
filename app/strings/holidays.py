"""Holiday calendar: day kinds, import problems, the CLI, the holiday dialogs."""

# ---- holidays ------------------------------------------------------------------------------
HOLIDAY_KIND_LABELS = {
    "workday": "工作日",
    "rest_day": "休息日",
    "statutory_holiday": "法定节假日",
    "adjusted_workday": "调休上班",
}
HOLIDAY_KIND_ALIASES = {"调休放假": "rest_day", "补假": "rest_day", "放假": "rest_day",
                        "节假日": "statutory_holiday", "上班": "adjusted_workday"}
HOLIDAY_YEAR_STATUS_LABELS = {"confirmed": "已确认", "provisional": "暂估"}
HOLIDAY_FESTIVAL_NAMES = {
    "new_year": "元旦",
    "chuxi": "农历除夕",
    "spring_festival": "春节",
    "qingming": "清明节",
    "labour_day": "劳动节",
    "dragon_boat": "端午节",
    "mid_autumn": "中秋节",
    "national_day": "国庆节",
}
HOLIDAY_CSV_HEADERS = {"日期": "date", "星期": "weekday", "类型": "kind", "名称": "name", "备注": "note"}
HOLIDAY_WEEKDAYS = ("周一", "周二", "周三", "周四", "周五", "周六", "周日")
HOLIDAY_WEEKDAY_PREFIXES = ("星期", "礼拜", "周")
HOLIDAY_WEEKDAY_CHARS = {"一": 0, "二": 1, "三": 2, "四": 3, "五": 4, "六": 5, "日": 6, "天": 6}
HOLIDAY_PROVISIONAL_BANNER = "{year}年放假安排尚未导入，应出勤天数为暂估值"
HOLIDAY_PROVISIONAL_WATERMARK = "暂估"
HOLIDAY_SOURCE_LABELS = {"bundled": "内置数据", "import": "导入：{detail}", "manual": "手工修改：{detail}"}
# import problems: "where" + reason
HOLIDAY_PROBLEM_AT_LINE = "{file} 第 {line} 行：{reason}"
HOLIDAY_PROBLEM_IN_FILE = "{file}：{reason}"
HOLIDAY_E_BAD_DATE = "日期无法识别：{value}（应为 2027-01-01 这样的格式）"
HOLIDAY_E_NO_DATE = "缺少日期"
HOLIDAY_E_UNKNOWN_KIND = "类型无法识别：{value}（应为 statutory_holiday 法定节假日、rest_day 休息日 或 adjusted_workday 调休上班）"
HOLIDAY_E_DUPLICATE = "日期 {date} 与第 {line} 行重复"
HOLIDAY_E_WEEKDAY_MISMATCH = "{date} 是{actual}，但文件中写的是“{given}”"
HOLIDAY_E_NAME_TOO_LONG = "名称太长（最多 {n} 个字）：{value}"
HOLIDAY_E_ADJUSTED_NOT_WEEKEND = "{date}（{weekday}）标为调休上班，但调休上班只能是周六或周日"
HOLIDAY_E_REST_ON_WEEKEND = "{date}（{weekday}）标为休息日，但周六、周日本来就休息，休息日只能标在周一至周五"
HOLIDAY_E_OUTSIDE_YEAR = "日期 {date} 不在文件声明的年份 {year} 年内"
HOLIDAY_E_BAD_OFFDAY = "isOffDay 应为 true 或 false：{value}"
HOLIDAY_E_NO_LUNAR = "无法推算 {year} 年的法定节假日：内置农历数据只覆盖 {first}–{last} 年，请改用 CSV 格式（date,kind,name）导入"
HOLIDAY_E_NO_ROWS = "文件中没有放假安排"
HOLIDAY_E_TOO_FEW_COLUMNS = "至少需要日期、类型两列（date,kind,name）"
HOLIDAY_W_STATUTORY_COUNT = "{year}年共有 {n} 天法定节假日，按国家规定应为 {expected} 天，请核对"
HOLIDAY_W_UNBALANCED = "调休不平衡：工作日放假 {rest} 天，而调休上班 {adjusted} 天、周末遇法定节假日 {weekend} 天（两者之和应等于前者），请核对"
HOLIDAY_W_LONG_STREAK = "{start} 至 {end} 连续上班 {n} 天（超过 {limit} 天），请核对调休上班日期"
HOLIDAY_W_SPILLOVER = "{date} 属于 {year} 年：只更新这一天，不替换 {year} 年的其余安排"
HOLIDAY_FILE_UNREADABLE = "无法读取放假安排文件 {path}：{err}"
HOLIDAY_FILE_BAD_JSON = "{path} 不是有效的 JSON（第 {line} 行）：{err}"
HOLIDAY_FILE_BAD_JSON_SHAPE = "{path} 的格式不对：应为 {{\"year\": 2027, \"days\": [{{\"name\", \"date\", \"isOffDay\"}}, …]}}"
HOLIDAY_IMPORT_REFUSED = "放假安排文件 {file} 有 {n} 处错误，未导入，数据未改动。"
HOLIDAY_BAD_KIND = "{date}：{kind} 不能用于{weekday}"
HOLIDAY_BAD_STATUS = "年份状态应为 confirmed（已确认）或 provisional（暂估）：{value}"
HOLIDAY_BAD_YEAR = "年份超出范围：{value}"
HOLIDAY_BUNDLED_BROKEN = "内置放假数据 {path} 有误：{problems}"
# command line
H_CMD_HOLIDAYS = "节假日与调休安排"
H_CMD_HOLIDAYS_IMPORT = "从 CSV（date,kind,name）或 holiday-cn JSON 导入放假安排（先显示差异，有错误则整体拒绝）"
H_CMD_HOLIDAYS_LIST = "列出某年的放假安排"
H_YEAR = "年份，例如 2027"
CLI_HOLIDAYS_DIFF = "{year}年（{mode}）：新增 {added} 天，修改 {changed} 天，删除 {removed} 天"
CLI_HOLIDAYS_MODE_REPLACE = "整年替换"
CLI_HOLIDAYS_MODE_MERGE = "只更新文件中的日期"
CLI_HOLIDAYS_NO_CHANGE = "{year}年：与现有数据相同，无变化"
CLI_HOLIDAYS_ADDED = "  + {date} {weekday} {kind} {name}"
CLI_HOLIDAYS_CHANGED = "  ~ {date} {weekday} {old_kind} {old_name} → {kind} {name}"
CLI_HOLIDAYS_REMOVED = "  - {date} {weekday} {kind} {name}"
CLI_HOLIDAYS_WARNING = "注意：{text}"
CLI_HOLIDAYS_DONE = "已导入并确认：{years} 年"
CLI_HOLIDAYS_LIST_HEAD = "{year}年放假安排（{status}）：共 {n} 条"
CLI_HOLIDAYS_LIST_ROW = "  {date} {weekday} {kind} {name}"

# ---- holiday dialogs -----------------------------------------------------------------------
ACT_HOLIDAYS = "节假日与调休安排…"
HOLIDAY_DIALOG_TITLE = "节假日与调休安排"
HOLIDAY_YEAR_TITLE = "{year}年"
HOLIDAY_YEAR_PREV = "◀"
HOLIDAY_YEAR_NEXT = "▶"
HOLIDAY_YEAR_PREV_TIP = "上一年"
HOLIDAY_YEAR_NEXT_TIP = "下一年"
HOLIDAY_YEAR_THIS = "今年"
HOLIDAY_STATUS = "状态：{status}"
HOLIDAY_STATUS_DETAIL = "状态：{status}（{source}）"
HOLIDAY_STATUS_IMPORTED_AT = "{source}，{at}"
HOLIDAY_MARK_CONFIRMED = "标记为已确认…"
HOLIDAY_MARK_PROVISIONAL = "改回暂估…"
HOLIDAY_MARK_CONFIRMED_ASK = "{year}年的放假安排已与国务院办公厅的放假通知逐日核对无误？\n\n标记为“已确认”后，该年的应出勤天数和期限计算不再标“暂估”。"
HOLIDAY_MARK_PROVISIONAL_ASK = "把{year}年改回“暂估”？\n\n该年的考勤表和期限计算将重新标“暂估”，直到再次确认或导入放假通知。"
HOLIDAY_EDIT_CONFIRMED_ASK = "{year}年的放假安排已确认（{source}）。\n确定要手工修改吗？每次修改都会记入审计记录。"
HOLIDAY_PREFILL = "按国家规定预填法定节假日"
HOLIDAY_PREFILL_TIP = "按《全国年节及纪念日放假办法》和农历推算本年的法定节假日；调休上班和调休放假要等国务院办公厅的通知公布后导入。"
HOLIDAY_PREFILL_HAS_ROWS = "本年已有放假安排，不能预填。"
HOLIDAY_PREFILL_NO_DATA = "内置农历数据不含{year}年，无法推算。"
HOLIDAY_PREFILL_ASK = "按国家规定预填{year}年的 {n} 天法定节假日？\n\n{days}\n\n调休上班和调休放假无法推算，需在通知公布后导入或手工点选；该年仍为“暂估”。"
HOLIDAY_PREFILL_DAY = "{month}月{day}日{name}"
HOLIDAY_PREFILL_DONE = "已预填{year}年的 {n} 天法定节假日（仍为暂估）。"
HOLIDAY_PREFILL_NOTHING = "{year}年已有放假安排或已确认，未预填。"
HOLIDAY_IMPORT_OPEN = "从 U 盘导入放假通知…"
HOLIDAY_BANNER = "注意：{text}"
HOLIDAY_CLICK_HINT = "点击日期切换类型：工作日 → 休息日 → 法定节假日 → 调休上班（不可能的类型自动跳过）。每次点击立即保存，并记入审计记录。"
HOLIDAY_YEAR_SUMMARY = "{year}年：法定节假日 {statutory} 天 · 工作日放假 {rest} 天 · 调休上班 {adjusted} 天 · 全年工作日 {work} 天"
HOLIDAY_YEAR_SUMMARY_ESTIMATE = "（暂估）"
HOLIDAY_MONTH_TITLE = "{month}月"
HOLIDAY_GRID_WEEKDAYS = ("一", "二", "三", "四", "五", "六", "日")
HOLIDAY_ADJUSTED_MARK = "班"
HOLIDAY_REST_MARK = "休"
HOLIDAY_LEGEND_TODAY = "今天"
HOLIDAY_LEGEND_REST_WEEKDAY = "“休”= 工作日放假（调休放假、补假）"
HOLIDAY_DAY_TIP = "{date} {weekday}：{kind}"
HOLIDAY_DAY_TIP_NAME = "{date} {weekday}：{kind}（{name}）"
HOLIDAY_DAY_TIP_NEXT = "点击改为：{kind}"
# import dialog
HOLIDAY_IMPORT_TITLE = "导入放假安排"
HOLIDAY_IMPORT_PICK = "选择文件…"
HOLIDAY_IMPORT_FILTER = "放假安排 (*.csv *.json);;所有文件 (*)"
HOLIDAY_IMPORT_INTRO = "从 U 盘导入国务院办公厅的放假通知：本程序的 CSV（date,kind,name）或 holiday-cn 的 JSON 文件。导入前会先检查并列出差异，点击“导入”后才写入，整个文件一次写入。"
HOLIDAY_IMPORT_NO_FILE = "尚未选择文件。"
HOLIDAY_IMPORT_READING = "正在读取并检查 {name}…"
HOLIDAY_IMPORT_WRITING = "正在导入放假安排…"
HOLIDAY_IMPORT_FILE = "文件：{path}"
HOLIDAY_IMPORT_HAS_ERRORS = "文件有 {n} 处错误，不能导入，数据不会有任何改动。请修改文件后重新选择。"
HOLIDAY_IMPORT_READY = "检查通过，可以导入。导入后{years}年标记为“已确认”。"
HOLIDAY_IMPORT_READY_WARN = "检查通过，有 {n} 条提醒（不影响导入，请核对）。导入后{years}年标记为“已确认”。"
HOLIDAY_IMPORT_FAILED = "无法读取文件，数据不会有任何改动：\n{err}"
HOLIDAY_IMPORT_BUTTON = "导入 {n} 年"
HOLIDAY_IMPORT_BUTTON_NONE = "导入"
HOLIDAY_IMPORT_DONE = "已导入放假安排：新增 {added} 天，修改 {changed} 天，删除 {removed} 天。\n{years}年已标记为“已确认”。"
HOLIDAY_PROBLEMS_TITLE = "错误与提醒"
HOLIDAY_PROBLEM_HEADERS = ("类别", "文件", "行号", "问题")
HOLIDAY_PROBLEM_ERROR = "错误"
HOLIDAY_PROBLEM_WARNING = "提醒"
HOLIDAY_PROBLEM_WHOLE_FILE = "—"
HOLIDAY_DIFF_TITLE = "与现有数据的差异"
HOLIDAY_DIFF_HEADERS = ("年份", "变化", "日期", "星期", "类型", "名称")
HOLIDAY_DIFF_ADDED = "新增"
HOLIDAY_DIFF_CHANGED = "修改"
HOLIDAY_DIFF_REMOVED = "删除"
HOLIDAY_DIFF_ARROW = "{old} → {new}"
HOLIDAY_DIFF_YEAR = "{year}年（{mode}，原为{status}）：新增 {added} 天，修改 {changed} 天，删除 {removed} 天"
HOLIDAY_DIFF_YEAR_SAME = "{year}年（{mode}，原为{status}）：与现有数据相同"
# issue 17: files that broke the reader
HOLIDAY_E_DATE_OUT_OF_RANGE = "日期 {value} 超出可用范围（{first}–{last} 年）"
HOLIDAY_E_CSV_BROKEN = "无法按 CSV 读取（一个字段超过 {limit} 个字符，或引号不成对），其后的内容未读取"
HOLIDAY_FILE_TOO_DEEP = "{path} 的 JSON 嵌套层数过多，不是放假安排文件"
HOLIDAY_FILE_BAD_NUMBER = "{path} 含有无法读取的数值（位数过多），不是放假安排文件"
HOLIDAY_E_CONTROL_CHAR = "名称含有不可见的控制字符（{code}）"
