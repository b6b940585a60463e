"""Attendance: verdicts, legend, schedule settings, month locking, the calendar tab."""

# ---- attendance: verdicts, leave types, legend --------------------------------------------
VERDICT_LABELS = {
    "present": "正常",
    "late": "迟到",
    "early_leave": "早退",
    "missing_punch": "缺卡",
    "absent": "旷工",
    "leave": "请假",
    "rest_day": "休息日",
    "holiday": "法定节假日",
    "not_on_site": "未在场",
    "pending": "未到时间",
    "no_data": "无打卡数据",
}
LEAVE_TYPE_LABELS = {
    "personal_leave": "事假",
    "sick_leave": "病假",
    "annual_leave": "年假",
    "comp_leave": "调休假",
    "marriage_leave": "婚假",
    "bereavement_leave": "丧假",
    "maternity_leave": "产假",
    "paternity_leave": "陪产假",
    "nursing_leave": "哺乳假",
    "business_trip": "出差",
    "out_of_office": "外出",
}
ABSENT_REASON_LABELS = {
    "no_punch": "无打卡记录且无请假",
    "overstay": "超假不归",
    "proxy_punch": "他人顶替打卡",
    "unauthorized_outing": "违规外出",
}
SESSION_LABELS = {"am": "上午", "pm": "下午", "day": "全天"}
SLOT_LABELS = {"in": "签到", "out": "签退"}
# Default sheet symbols (SPEC P2; RULES-FORMS-TERMS 3.2): editable as settings legend.<code>.
LEGEND_DEFAULT = {
    "present": "√",
    "late": "迟",
    "severe_late": "严",
    "early_leave": "早",
    "missing_punch": "缺",
    "corrected": "补",
    "absent": "旷",
    "holiday": "休",
    "rest_day": "",
    "not_on_site": "",
    "pending": "",
    "no_data": "—",
    "adjusted_workday": "班",
    "personal_leave": "事",
    "sick_leave": "病",
    "annual_leave": "年",
    "comp_leave": "调",
    "marriage_leave": "婚",
    "bereavement_leave": "丧",
    "maternity_leave": "产",
    "paternity_leave": "陪",
    "nursing_leave": "哺",
    "business_trip": "差",
    "out_of_office": "外",
    "overtime": "加",
}
LEGEND_ORDER = ("present", "late", "severe_late", "early_leave", "missing_punch", "corrected",
                "absent", "personal_leave",
                "sick_leave", "annual_leave", "comp_leave", "marriage_leave", "bereavement_leave",
                "maternity_leave", "paternity_leave", "nursing_leave", "business_trip",
                "out_of_office", "overtime", "holiday", "no_data")
LEGEND_LABELS = {**VERDICT_LABELS, **LEAVE_TYPE_LABELS, "overtime": "加班",
                 "adjusted_workday": "调休上班", "severe_late": "严重迟到",
                 "corrected": "补卡"}
LEGEND_FOOTER = "灰底=休息日，红底=法定节假日，“班”=调休上班"
WEEKDAYS_SHORT = ("一", "二", "三", "四", "五", "六", "日")
PROVISIONAL_MARK = "暂估"

# ---- settings ----------------------------------------------------------------------------
SETTING_LABELS = {
    "schedule.am": "上午时段",
    "schedule.pm": "下午时段",
    "rules.late_grace_minutes": "迟到宽限（分钟）",
    "rules.early_grace_minutes": "早退宽限（分钟）",
    "rules.severe_minutes": "严重迟到早退（超过分钟）",
    "rules.day_start": "跨夜打卡归属分界",
    "rules.duplicate_punch_minutes": "重复打卡合并（分钟）",
    "rules.explanation_absences": "缺勤情况说明：缺勤次数超过",
    "rules.explanation_late_minutes": "缺勤情况说明：累计迟到分钟超过",
    "rules.nursing_minutes": "哺乳时间（分钟/天）",
}
SETTING_UNKNOWN = "未知的设置项：{key}。可用的设置项：{keys}"
SETTING_BAD_VALUE = "设置项 {key} 的值无效：{value}（示例：{example}）"
SETTING_BAD_DATE = "生效日期无法识别：{value}（应为 2026-06-01 这样的格式）"
SETTING_SAVED = "已设置 {key} = {value}，自 {date} 起生效。"

# ---- attendance services -----------------------------------------------------------------
MONTH_BAD = "月份格式不对：{value}（应为 2026-03 这样的格式）"
MONTH_LOCKED = "{month} 已锁定（{at} 由 {actor} 锁定），不能修改。如需修改请先重新打开该月并说明原因。"
MONTH_NOT_LOCKED = "{month} 未锁定。"
MONTH_ALREADY_LOCKED = "{month} 已经锁定。"
MONTH_NOT_COVERED = "{month} 有 {n} 个工作日还没有打卡数据或尚未结束（{through}），不能锁定。导入打卡数据后再锁定；确需锁定请加 --force。"
MONTH_REOPEN_NEEDS_REASON = "重新打开已锁定的月份必须填写原因。"
CORRECTION_NEEDS_REASON = "补卡必须填写原因。"
CORRECTION_NEEDS_APPROVER = "补卡必须填写审批人。"
CORRECTION_BAD_TIME = "补卡时间无法识别：{value}（应为 08:30 这样的格式）"
CORRECTION_BAD_SESSION = "时段应为 am（上午）或 pm（下午）：{value}"
CORRECTION_BAD_SLOT = "补卡类型应为 in（签到）或 out（签退）：{value}"
MANUAL_BAD_KIND = "旷工类型应为 超假不归、他人顶替打卡 或 违规外出：{value}"
REVOKE_NEEDS_REASON = "撤销必须填写原因。"
RECORD_NOT_FOUND = "找不到该记录（编号 {id}）。"
ALREADY_REVOKED = "该记录已经撤销。"
DEMO_CORRECTION_REASON = "考勤机故障，下班未能打卡，经项目经理核实"
H_CMD_SETTINGS = "项目设置（作息时间、迟到早退规则、考勤符号），按生效日期记录"
H_CMD_SETTINGS_SHOW = "显示当前设置及其修改历史"
H_CMD_SETTINGS_SET = "修改设置，例如 settings set schedule.am 08:00-12:00 --from 2026-06-01"
H_SETTING_KEY = "设置项"
H_SETTING_VALUE = "新值"
H_FROM = "生效日期（默认今天）；之前的日期不受影响"
H_CMD_MONTH = "计算并显示某月考勤（应出勤、实出勤、迟到早退、缺卡、旷工…）"
H_MONTH = "月份，例如 2026-03"
H_LOCK = "锁定该月（签字确认后），之后不能再修改"
H_REOPEN = "重新打开已锁定的月份，需说明原因"
CLI_MONTH_HEAD = "{month} 考勤{mark}：{n} 人"
CLI_MONTH_ROW = "  {no} {name}：应出勤 {required} 天，实出勤 {attended} 天，迟到 {late} 次/{late_min} 分，早退 {early} 次/{early_min} 分，缺卡 {missing} 次，旷工 {absent} 天{flag}"
CLI_MONTH_FLAG = "，需提交《缺勤情况说明》"
CLI_MONTH_LOCKED = "已锁定 {month}。"
CLI_MONTH_REOPENED = "已重新打开 {month}。"

# ---- attendance calendar tab -------------------------------------------------------------
MONTH_TITLE = "{year}年{month}月"
MONTH_PREV = "◀ 上月"
MONTH_NEXT = "下月 ▶"
MONTH_THIS = "本月"
ATT_SEARCH = "搜索姓名、工号…"
ATT_ALL_ROLES = "全部岗位"
ATT_ONLY_PROBLEMS = "只看有异常的人"
ATT_COMPUTING = "正在计算 {month} 考勤…"
ATT_LOCK = "锁定本月"
ATT_REOPEN = "重新打开…"
ATT_LOCK_ASK = "锁定 {month} 的考勤？\n锁定后该月的结果固定为当前数据（用于签字确认），补卡、登记旷工等修改都将被拒绝，除非说明原因重新打开。"
ATT_REOPEN_ASK = "请填写重新打开 {month} 的原因（将记入审计记录）："
ATT_LOCKED_BANNER = "{month} 已锁定（{at}，{actor}）：显示的是锁定时的结果。"
ATT_PROVISIONAL_BANNER = "{year}年放假安排尚未导入，应出勤天数为暂估值（标“暂估”）。请在“设置 > 节假日”中导入或核对。"
ATT_NEEDS_EXPLANATION = "需提交《缺勤情况说明》"
ATT_SUMMARY_HEADERS = ("应出勤", "实出勤", "迟到\n次/分", "早退\n次/分", "缺卡", "旷工\n天", "请假\n天", "加班\nh")
ATT_NAME_HEADER = "姓名"
ATT_COUNT = "{n} 人 · 需提交缺勤情况说明 {flagged} 人"
ATT_PICK_CELL = "点击表格中的某一天，查看打卡记录和判定依据。"
ATT_ADD_CORRECTION = "补卡…"
ATT_ADD_ABSENCE = "登记旷工…"
ATT_REVOKE = "撤销所选…"
ATT_REVOKE_ASK = "撤销原因（将记入审计记录）："
ATT_REVOKE_PICK = "请先在“补卡与登记”列表中选择要撤销的记录。"
DETAIL_TITLE = "{name}（{no}） {date} {weekday}"
DETAIL_DAY_KIND = "日期类型：{kind}{name}"
DETAIL_SCHEDULE = "作息：上午 {am}，下午 {pm}；迟到宽限 {late} 分钟，早退宽限 {early} 分钟，严重超过 {severe} 分钟"
DETAIL_VERDICT = "{session}：{verdict}"
DETAIL_PUNCHES = "原始打卡记录"
DETAIL_NO_PUNCHES = "（无）"
DETAIL_PUNCH_ROW = "{time}  考勤号 {uid}  {device}  批次 #{batch}（{source}）{reverted}"
DETAIL_PUNCH_REVERTED = "【该批次已撤回，不计入】"
DETAIL_RECORDS = "补卡与登记"
DETAIL_CORRECTION_ROW = "补卡 {session}{slot} {time}：{reason}（审批人 {approver}；{by} {at}）{revoked}"
DETAIL_ABSENCE_ROW = "登记旷工 {session}：{kind} {note}（{by} {at}）{revoked}"
DETAIL_REVOKED = "【已撤销：{reason}】"
WHY_PRESENT = "签到 {sign_in}，签退 {sign_out}"
WHY_LATE = "迟到 {n} 分钟（签到 {sign_in}，应 {start} 前）"
WHY_EARLY = "早退 {n} 分钟（签退 {sign_out}，应 {end} 后）"
WHY_SEVERE = "，严重"
WHY_MISSING_IN = "缺签到卡"
WHY_MISSING_OUT = "缺签退卡"
WHY_CORRECTED = "（含补卡）"
WHY_ABSENT = "旷工：{reason}"
WHY_LEAVE = "请假：{type}"
WHY_NOT_ON_SITE = "不在驻场期内"
WHY_PENDING = "时段尚未结束"
WHY_NO_DATA = "打卡数据尚未覆盖该时段（导入考勤机数据后判定；不计旷工）"
CORRECTION_TITLE = "补卡：{name} {date}"
CORRECTION_SESSION = "时段"
CORRECTION_SLOT = "补签"
CORRECTION_TIME = "时间"
CORRECTION_REASON = "原因"
CORRECTION_APPROVER = "审批人"
ABSENCE_TITLE = "登记旷工：{name} {date}"
ABSENCE_KIND = "情形"
ABSENCE_NOTE = "说明"
TIP_LEAVE_DAYS = "{type} {days} 天"
TIP_EXTRA = "（{items}）"
TIP_SESSION = "{session}：{label}{tail}"
LIST_COMMA = "，"
WEEKDAY_PREFIX = "周"

# ---- rules dialog ------------------------------------------------------------------------
ACT_RULES = "作息与考勤规则…"
RULES_TITLE = "作息与考勤规则"
RULES_TAB_RULES = "作息与规则"
RULES_TAB_LEGEND = "考勤符号"
RULES_TAB_HISTORY = "修改记录"
RULES_FROM = "自此日期起生效"
RULES_FROM_HINT = "修改只影响生效日期及之后的考勤；之前的月份保持原样。"
RULES_NOTHING_CHANGED = "没有修改任何设置。"
RULES_SAVED = "已保存 {n} 项设置，自 {date} 起生效。"
RULES_HISTORY_HEADERS = ("生效日期", "设置项", "值")
RULES_LEGEND_HEADERS = ("含义", "符号")
RULES_TO = "至"
# settings: a conflict with later settings
SETTING_CONFLICT = "设置 {key} = {value}（自 {date} 起）与之后已生效的其他作息设置冲突（时段顺序不对），未保存。"
LEGEND_SEVERE = "严重早退（超过 {minutes} 分钟，加粗深红；严重迟到另有符号）"

# ---- coverage of the clock data (issue 14: no data is not absence) --------------------------
COVERAGE_THROUGH = "打卡数据截至 {at}"
COVERAGE_NONE = "尚未导入打卡数据"
COVERAGE_SINCE = "（最早 {since}）"
COVERAGE_BAD_RANGE = "结束日期不能早于开始日期。"
COVERAGE_NEEDS_REASON = "声明无需打卡数据的期间必须填写原因。"
COVERAGE_DECLARED_NOTE = "已声明的期间按已导入处理：{periods}"
COVERAGE_PERIOD = "{first} 至 {last}（{reason}）"
ATT_NO_DATA_BANNER = "{through}。没有打卡数据的时段显示“{symbol}”：不算出勤也不算旷工、不扣分，导入打卡数据后自动判定。"
ATT_NOT_COVERED_PRINT = "{month} 有 {n} 个工作日还没有打卡数据或尚未结束（{through}）。这些天在表上显示为“无数据”，不是最终结果。仍要打印吗？"
ATT_NOT_COVERED_LOCK = "{month} 有 {n} 个工作日还没有打卡数据或尚未结束（{through}）。\n锁定后这些天将固定为“无数据”。仍要锁定吗？"
ATT_DECLARE = "声明期间已覆盖…"
ATT_DECLARE_TITLE = "声明期间无需打卡数据"
ATT_DECLARE_HINT = "例如全体外出、出差期间考勤机无记录：声明后这些天按正常规则判定（无打卡且无请假即为旷工）。此操作记入审计日志。"
ATT_DECLARE_FROM = "开始日期"
ATT_DECLARE_TO = "结束日期"
ATT_DECLARE_REASON = "原因"
ATT_DECLARE_DONE = "已声明 {first} 至 {last} 的考勤数据已覆盖。"
CLI_NOT_COVERED_WARNING = "注意：{month} 有 {n} 个工作日还没有打卡数据或尚未结束（{through}），表上显示为“无数据”。"
CLI_COVERAGE_HEAD = "{through}"
CLI_COVERAGE_DEVICE = "  考勤机 {device}：截至 {at}{mark}"
CLI_COVERAGE_UNNAMED = "（未指定考勤机的文件）"
CLI_COVERAGE_NOT_COUNTED = "（不计入：已有指定考勤机的数据）"
CLI_COVERAGE_DECLARED = "  已声明 #{id} {first} 至 {last}：{reason}（{by}，{at}）{revoked}"
CLI_COVERAGE_REVOKED = "——已撤销：{reason}"
CLI_COVERAGE_DECLARED_DONE = "已声明 #{id}：{first} 至 {last} 按已导入处理。"
CLI_COVERAGE_REVOKED_DONE = "已撤销声明 #{id}。"
H_CMD_COVERAGE = "打卡数据覆盖范围：查看截至时间，声明无需打卡数据的期间"
H_COVERAGE_SHOW = "查看打卡数据截至何时（各考勤机）以及已声明的期间"
H_COVERAGE_DECLARE = "声明一段期间无需打卡数据（如全体出差），这些天按正常规则判定"
H_COVERAGE_REVOKE = "撤销一条声明"
H_COVERAGE_FROM = "开始日期 YYYY-MM-DD"
H_COVERAGE_TO = "结束日期 YYYY-MM-DD（含）"
H_COVERAGE_REASON = "原因（必填）"
H_COVERAGE_ID = "声明编号"
H_FORCE_LOCK = "与 --lock 同用：即使有工作日还没有打卡数据也锁定"
MONTH_SHEET_DATA_THROUGH = "打卡数据"
MONTH_SHEET_THROUGH_VALUE = "截至 {at}{since}，其余时段记为“无数据”"
COVERAGE_BAD_DATE = "日期无法识别：{value}（应为 2026-02-01 这样的格式）"
