"""Accountant-ready Excel exports: raw punches, the service log, shared Excel labels."""

# ---- shared -----------------------------------------------------------------------------------
XL_DATE_FORMAT = 'yyyy"年"m"月"d"日"'
XL_DATETIME_FORMAT = 'yyyy"年"m"月"d"日" hh:mm'
XL_MONTH_VALUE = "{year}年{month}月"
XL_PROJECT_LINE = "项目：{project}    合同编号：{contract}    承建单位：{contractor}"
XL_WITHIN = "是"
XL_NOT_WITHIN = "否"
XL_UNDECIDED = "计时中"
XL_NOT_MEASURED = "不考核"
# ---- raw punches (SPEC A3, P2) ----------------------------------------------------------------
XL_PUNCH_TITLE = "驻场人员打卡原始记录（{year}年{month}月）"
XL_PUNCH_SHEET = "打卡明细"
XL_DAY_SHEET = "每日签到签退"
XL_PUNCH_SCOPE_ONE = "考勤月份：{month}    人员：{name}（工号 {no}）    原始打卡 {n} 条（已撤回批次 {reverted} 条）    补卡 {corrections} 条    登记旷工 {manual} 条"
XL_PUNCH_SCOPE_ALL = "考勤月份：{month}    人员：全部 {people} 人    原始打卡 {n} 条（已撤回批次 {reverted} 条）    补卡 {corrections} 条    登记旷工 {manual} 条"
XL_PUNCH_HEADERS = ("姓名", "工号", "日期", "星期", "时间", "签到/签退", "来源", "考勤机", "考勤号", "验证方式", "当日考勤结果", "说明（原因/情形）", "审批人", "登记人", "登记时间", "状态")
XL_DAY_HEADERS = ("姓名", "工号", "日期", "星期", "打卡\n次数", "签到", "签退")
XL_DAY_PUNCH_HEADER = "打卡{n}"
XL_DAY_TAIL_HEADERS = ("备注", "当日考勤结果")
XL_SIGN_IN = "签到"
XL_SIGN_OUT = "签退"
XL_SOURCE_CORRECTION = "补卡"
XL_SOURCE_MANUAL = "登记"
XL_SOURCE_NONE = "—"
XL_CORRECTION_SLOT = "补{slot}（{session}）"
XL_CORRECTION_WHY = "{reason}"
XL_MANUAL_WHAT = "{kind}（{session}）：{note}"
XL_MANUAL_WHAT_BARE = "{kind}（{session}）"
XL_NEXT_DAY = "次日打卡"
XL_REVERTED = "批次已撤回，不计入"
XL_DAY_CORRECTED = "含补卡"
XL_DAY_OUT_NEXT_DAY = "签退为次日"
XL_PUNCH_NAME = "{year}年{month:02d}月_打卡原始记录_{name}.xlsx"
XL_PUNCH_NAME_ALL = "{year}年{month:02d}月_打卡原始记录_全体.xlsx"
XL_PUNCH_MENU = "所选人员的打卡原始记录（Excel）…"
XL_PUNCH_MENU_ALL = "全体人员打卡原始记录（Excel）…"
XL_PUNCH_WHAT = "打卡原始记录（Excel）"
H_PUNCH_XLSX = "输出 Excel 文件（不带 --emp 时为当月全体人员）"
H_PUNCH_PDF = "输出 PDF 文件（需 --emp）"
H_PUNCH_EMP = "工号（Excel 可省略，即当月全体人员）"
CLI_PUNCH_NEEDS_OUTPUT = "请用 --pdf 或 --xlsx 指定输出文件。"
CLI_PUNCH_PDF_NEEDS_EMP = "打卡原始记录 PDF 按人生成，请用 --emp 指定工号。"
CLI_PUNCH_XLSX_DONE = "已生成 {path}（{rows} 行打卡明细）"
# ---- service log (SPEC V1-V3, P2) -------------------------------------------------------------
XL_SV_RECORDS_SHEET = "服务记录"
XL_SV_SUMMARY_SHEET = "承诺执行汇总"
XL_SV_PERIOD_LINE = "统计周期：{first} 至 {last}    记录 {n} 条（其中往月结转 {carried} 条）    月末未解决 {open} 条    月末状态截至 {at}"
XL_SV_HEADERS = ("序号", "编号", "类型", "来源", "报修人", "科室", "报修时间", "响应时间", "到场时间", "解决时间", "响应用时\n(分钟)", "响应\n达标", "解决用时\n(分钟)", "解决\n达标", "月末状态", "往月\n结转", "地点", "服务内容", "处理情况", "服务人员", "人数", "甲方签字")
XL_SV_SUMMARY_HEADERS = ("指标", "承诺时限\n(分钟)", "已判定", "达标", "超时", "达标率", "中位数\n(分钟)", "最长\n(分钟)", "计时中")
XL_SV_TYPES_HEADERS = ("服务类型", "记录数")
XL_SV_COUNTS_HEADERS = ("项目", "数量")
XL_SV_COUNT_TOTAL = "本月记录合计"
XL_SV_COUNT_CARRIED = "其中往月结转"
XL_SV_COUNT_OPEN = "月末未解决（结转下月）"
XL_SV_COMMITMENTS = "其他承诺"
XL_SV_MENU = "月度运维清单（Excel）…"
XL_SV_NAME = "{year}年{month:02d}月_运维服务清单_{project}.xlsx"
XL_SV_WHAT = "月度运维服务清单（Excel）"
# ---- roster export ----------------------------------------------------------------------------
XL_ROSTER_AS_OF = "截至 {date}"
XL_PUNCH_NOTE = "说明：原始打卡按考勤机数据原样列出，不作修改或删除；已撤回批次的打卡仍列出但不计入考勤。来源为“补卡”“登记”的行是人工补录的补卡和登记旷工，注明原因、审批人、登记人和登记时间；“签到/签退”列标出当日计入考勤的签到、签退。"
H_CMD_PUNCHES_ANY = "某人某月的打卡原始记录（含补卡与登记，供技术部/监理核查）：PDF 按人生成；Excel 可按人，不带 --emp 时为当月全体人员"
