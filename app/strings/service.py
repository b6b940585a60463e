"""Service log: records, commitments, daily reports, their tab, printouts and CLI."""

# ---- service log ---------------------------------------------------------------------------
SV_TYPE_LABELS = {"fault": "故障处理", "inspection": "巡检", "consult": "咨询", "change": "变更", "other": "其他"}
SV_SOURCE_LABELS = {"phone": "电话", "ticket": "工单", "onsite": "现场"}
SV_RESULT_LABELS = {"resolved": "已解决", "pending": "遗留"}
SV_RATING_LABELS = {"very_satisfied": "非常满意", "satisfied": "满意", "fair": "一般", "dissatisfied": "不满意"}
SV_VERDICT_LABELS = {"met": "达标", "missed": "超时", "undecided": "计时中", "not_measured": "不考核"}
SV_FIELD_LABELS = {
    "service_type": "服务类型", "source": "报修来源", "reporter": "报修人", "reporter_dept": "报修科室",
    "reported_at": "报修时间", "responded_at": "响应时间", "arrived_at": "到场时间", "resolved_at": "解决时间",
    "staff": "服务人员", "head_count": "服务人数", "location": "服务地点", "description": "故障/需求描述",
    "handling": "处理过程", "result": "处理结果", "pending_reason": "遗留原因", "parts_replaced": "更换部件",
    "user_rating": "用户评价", "client_signed": "签字确认", "client_signed_by": "签字人",
    "client_signed_on": "签字日期", "note": "备注", "response_minutes": "响应时限",
    "resolution_minutes": "解决时限", "acceptance_date": "验收日期",
}
SV_PROBLEMS = {
    "bad_type": "服务类型不对：应为 故障处理、巡检、咨询、变更 或 其他。",
    "bad_source": "报修来源不对：应为 电话、工单 或 现场。",
    "bad_result": "处理结果不对：应为 已解决 或 遗留。",
    "bad_rating": "用户评价不对：应为 非常满意、满意、一般 或 不满意。",
    "reporter_missing": "请填写报修人或报修科室。",
    "before_reported": "{field}早于报修时间，请检查日期（跨零点时应为第二天）。",
    "resolved_too_early": "解决时间早于响应时间或到场时间，请检查。",
    "location_missing": "请填写服务地点。",
    "description_missing": "请填写故障/需求描述（服务内容）。",
    "staff_missing": "请至少选择一名服务人员。",
    "staff_duplicate": "服务人员有重复。",
    "head_count_low": "服务人数不能少于所选服务人员的人数。",
    "exit_before_entry": "服务人员出入记录中有离开时间早于进入时间。",
    "resolved_needs_time": "处理结果为“已解决”时必须填写解决时间。",
    "pending_has_time": "已填写解决时间，处理结果应为“已解决”（遗留问题请清空解决时间）。",
    "signed_needs_name": "已签字确认时请填写签字人。",
    "signed_needs_date": "已签字确认时请填写签字日期。",
    "control_char": "{field}含有不可见的控制字符，请删除后重试。",
}
SV_RECORD_NOT_FOUND = "找不到运维记录 {id}。"
SV_EMPLOYEE_NOT_FOUND = "找不到工号为 {no} 的人员。"
SV_BAD_TARGET = "{field}应为 1 到 1440 之间的分钟数，收到：{value}"
SV_BAD_DATETIME = "{field}的格式不对：{value}（应为 2026-11-01 09:15 这样的格式）"
SV_BAD_TIME_INPUT = "{field}的格式不对：{value}。可以写 09:15、0915、+25（报修后 25 分钟）或 2026-11-01 09:15。"
SV_BAD_DATE = "日期格式不对：{value}（应为 2026-11-01 这样的格式）"
SV_REPORT_TOO_LONG = "工作汇报最多 {n} 个字：{name} {day} 的内容过长。"
SV_MINUTES = "{n} 分钟"
SV_NA = "—"
SV_PERCENT = "{value}%"
SV_MEASURE_TEXT = "{minutes} 分钟（承诺 ≤{target} 分钟，{verdict}）"
SV_MEASURE_EMPTY = "未填（承诺 ≤{target} 分钟，{verdict}）"
SV_MEASURE_NOT_MEASURED = "{minutes}（巡检不考核时限）"
SV_ELAPSED = "{h} 小时 {m} 分"
SV_ELAPSED_DAYS = "{d} 天 {h} 小时"
SV_CARRIED = "往月结转"
SV_OPEN_AT_MONTH_END = "月末未解决（{at} 解决）"
SV_OVER_MARK = "*"
SV_SIGNED_SHORT = "已签（{name}）"
SV_UNSIGNED = "未签"
# commitments, as shown on screen and on paper
SV_INSPECTION_DONE = "{year}年度免费巡检：已完成（{dates}）"
SV_INSPECTION_DUE = "{year}年度免费巡检：待完成"
SV_INSPECTION_OVERDUE = "{year}年度免费巡检：未完成（已逾期）"
SV_WARRANTY = "质保期：{start} 至 {end}（验收合格之日起三年）"
SV_WARRANTY_LEFT = "，剩余 {days} 天"
SV_WARRANTY_OVER = "，已过质保期"
SV_WARRANTY_UNSET = "质保期：未设置项目验收日期（在“服务承诺设置”中填写）"
SV_SUPPORT_24H_ON = "质保期内提供 24 小时免费技术支持服务"
SV_SUPPORT_24H_OFF = "24 小时免费技术支持：仅在质保期内承诺"
SV_COMMITMENT_LINE = "服务承诺：接到服务要求 {response} 分钟内响应，解决问题时间不超过 {resolution} 分钟；每年免费巡检；质保期内 24 小时免费技术支持。"
# tab
SV_SUB_RECORDS = "运维记录"
SV_SUB_REPORTS = "每日工作汇报"
SV_NEW = "新建记录…"
SV_EDIT = "修改…"
SV_PRINT_RECORD = "打印记录单…"
SV_PRINT_MONTH = "月度运维清单（PDF）…"
SV_SETTINGS = "服务承诺设置…"
SV_ALL_MONTHS = "全部月份"
SV_ALL_TYPES = "全部类型"
SV_ALL_RESULTS = "全部结果"
SV_ALL_STAFF = "全部人员"
SV_HEADERS = ("编号", "类型", "来源", "报修人（科室）", "报修时间", "响应(分)", "解决(分)", "服务人员", "地点", "服务内容", "结果", "签字确认")
SV_PANEL_TITLE = "{year}年{month}月 服务承诺执行情况"
SV_PANEL_TOTAL = "本月报修与服务 {n} 条"
SV_PANEL_RESPONSE = "响应（承诺 {target} 分钟内）"
SV_PANEL_RESOLUTION = "解决（承诺 {target} 分钟内）"
SV_PANEL_STAT = "达标 {met}/{decided}，达标率 {percent}；中位 {median} 分钟，最长 {worst} 分钟"
SV_PANEL_UNDECIDED = "另有 {n} 条计时中"
SV_PANEL_OPEN = "未解决（月末结转下月）：{n} 条"
SV_PANEL_CARRIED = "自往月结转 {n} 条：{items}"
SV_PANEL_NOTE = "达标率 = 达标 ÷（达标 + 超时），四舍五入保留一位小数；恰好等于时限为达标。巡检不考核时限。"
SV_PICK_RECORD = "请先在列表中选择一条运维记录。"
# entry dialog
SV_DIALOG_NEW = "新建运维记录"
SV_DIALOG_EDIT = "修改运维记录 {number}"
SV_TIME_HINT = "未填；可写 09:15、0915、+25 或 2026-11-01 09:15"
SV_NOW = "现在"
SV_STAFF_HEADERS = ("服务人员", "岗位", "进入时间", "离开时间")
SV_STAFF_HINT = "勾选参与服务的人员；进入/离开时间可写 09:15 或 +10。"
SV_CLIENT_SIGNED = "{client}项目负责人已签字确认"
SV_SIGNED_BY = "签字人"
SV_SIGNED_ON = "签字日期"
SV_RATING_NONE = "（未评价）"
SV_SAVE = "保存"
SV_LIVE = "响应：{response}    解决：{resolution}"
SV_LIVE_PENDING = "未填"
# commitments dialog
SV_SETTINGS_TITLE = "服务承诺设置"
SV_SETTINGS_RESPONSE = "响应时限（分钟）"
SV_SETTINGS_RESOLUTION = "解决时限（分钟）"
SV_SETTINGS_FROM = "时限生效日期"
SV_SETTINGS_ACCEPTANCE = "项目验收日期"
SV_SETTINGS_NOTE = "合同承诺：接到服务要求 30 分钟内响应，解决问题时间不超过 2 小时；每年免费巡检；质保期三年，自验收合格之日起计算，质保期内 24 小时免费技术支持。时限的修改只影响生效日期及以后报修的记录。"
# daily report page
SV_REPORT_DAY = "日期"
SV_REPORT_PREV = "◀ 前一天"
SV_REPORT_NEXT = "后一天 ▶"
SV_REPORT_HEADERS = ("工号", "姓名", "岗位", "工作内容")
SV_REPORT_SAVE = "保存当天汇报"
SV_REPORT_SAVED = "已保存 {day} 的工作汇报（{done}/{total} 人已填）。"
SV_REPORT_XLSX = "月度汇报（Excel）…"
SV_REPORT_PDF = "月度汇报（PDF）…"
SV_REPORT_HINT = "每人每天简要写一两句；直接在“工作内容”列输入（Tab/回车到下一人），Ctrl+S 保存。"
SV_REPORT_UNSAVED = "{day} 的汇报有未保存的修改，是否保存？"
SV_REPORT_STATUS = "{day} {weekday}：已填 {done}/{total} 人"
SV_REPORT_NOT_WORKDAY = "（休息日）"
# documents
SV_DOC_RECORD = "运维记录单"
SV_DOC_RECORD_NAME = "运维记录单_{number}.pdf"
SV_DOC_MONTH = "月度运维服务清单"
SV_DOC_MONTH_NAME = "{year}年{month:02d}月_运维服务清单_{project}.pdf"
SV_DOC_REPORTS = "每日工作汇报"
SV_DOC_REPORTS_NAME = "{year}年{month:02d}月_每日工作汇报_{project}.{ext}"
SV_RECORD_TITLE = "运维（服务）记录单"
SV_FORM_NUMBER = "记录编号"
SV_FORM_REPORTER = "报修人及科室"
SV_FORM_START = "服务开始时间"
SV_FORM_END = "服务结束时间"
SV_FORM_STAFF_NAMES = "服务人员姓名"
SV_FORM_HEADCOUNT_VALUE = "{n} 人"
SV_FORM_RESPONSE = "响应用时"
SV_FORM_RESOLUTION = "解决用时"
SV_FORM_STAFF_CAPTION = "服务人员出入记录"
SV_FORM_STAFF_HEADERS = ("序号", "姓名", "工号", "岗位", "进入时间", "离开时间")
SV_FORM_DESCRIPTION = "故障/需求描述（服务内容）"
SV_FORM_HANDLING = "处理过程"
SV_FORM_RESULT_REASON = "（原因：{reason}）"
SV_FORM_RESULT_REASON_BLANK = "（原因：________________）"
SV_FORM_USER_BOX = "用户评价及意见"
SV_FORM_USER_SIGN = "用户（报修人）"
SV_FORM_CLIENT_CONFIRM = "{client}项目负责人签字确认"
SV_FORM_SIGNED_STATUS = "已于 {date} 由 {name} 签字确认"
SV_FORM_UNSIGNED_STATUS = "待{client}项目负责人签字确认"
SV_MONTH_TITLE = "{project}运维服务记录月报（{year}年{month}月）"
SV_MONTH_SUBJECT = "运维服务记录月报"
SV_MONTH_PERIOD = "统计月份"
SV_MONTH_PERIOD_VALUE = "{first} 至 {last}"
SV_MONTH_SUMMARY_CAPTION = "一、服务承诺执行情况"
SV_MONTH_SUMMARY_HEADERS = ("指标", "承诺时限", "已判定", "达标", "超时", "达标率", "中位数(分)", "最长(分)", "计时中")
SV_MONTH_ROW_RESPONSE = "响应时间"
SV_MONTH_ROW_RESOLUTION = "解决时间"
SV_MONTH_TYPES_CAPTION = "二、按服务类型统计"
SV_MONTH_TOTAL = "合计"
SV_MONTH_LIST_CAPTION = "三、运维记录清单（共 {n} 条，其中往月结转 {carried} 条）"
SV_MONTH_LIST_HEADERS = ("编号", "类型", "来源", "报修人/科室", "报修时间", "响应\n(分)", "解决\n(分)", "服务人员", "人数", "地点", "服务内容", "结果", "签字")
SV_MONTH_OPEN_CAPTION = "四、未解决事项（截至 {at}，结转下月，共 {n} 条）"
SV_MONTH_OPEN_HEADERS = ("编号", "报修时间", "报修人/科室", "服务内容", "遗留原因", "已历时")
SV_MONTH_LEGEND = "说明：响应时间=报修至首次响应（响应、到场、解决中最早者）；解决时间=报修至解决；不超过承诺时限即为达标（恰好30分钟达标，31分钟超时）。达标率=达标÷（达标+超时），四舍五入保留一位小数，计时中的记录不计入。巡检不考核时限。“*”=超时；“往月结转”=以前月份报修、本月初仍未解决。"
SV_REPORTS_TITLE = "{project}驻场人员每日工作汇报（{year}年{month}月）"
SV_REPORTS_SUBJECT = "每日工作汇报"
SV_REPORTS_PERSON_CAPTION = "{name}（{role}，工号 {no}）：汇报 {n} 天{missing}"
SV_REPORTS_MISSING = "，未汇报的工作日 {n} 天"
SV_REPORTS_HEADERS = ("日期", "星期", "工作内容")
SV_REPORTS_MISSING_TEXT = "（未汇报）"
SV_REPORTS_NONE = "（本月没有驻场人员）"
SV_REPORTS_XLSX_TITLE = "每日工作汇报"
SV_REPORTS_XLSX_HEADERS = ("日期", "星期", "工号", "姓名", "岗位", "工作内容")
SV_REPORTS_SUBTITLE = "项目名称：{project}    汇报月份：{year}年{month}月    人数：{people} 人    汇报：{n} 条    标“（未汇报）”的是驻场期内未填写汇报的工作日"
# command line
H_CMD_SERVICE = "运维记录：登记、月度清单与服务承诺执行情况、打印记录单"
H_CMD_SERVICE_ADD = "登记一条运维记录"
H_CMD_SERVICE_MONTH = "某月的运维记录与承诺执行情况（--json 输出记录与统计）"
H_CMD_SERVICE_PDF = "打印一条运维（服务）记录单（PDF）"
H_CMD_SERVICE_SET = "设置服务承诺时限与项目验收日期"
H_CMD_REPORT = "每日工作汇报"
H_CMD_REPORT_SET = "填写某人某天的工作汇报（内容为空则删除）"
H_CMD_REPORT_MONTH = "某月的工作汇报（可导出 Excel 或 PDF）"
H_SV_TYPE = "服务类型：fault 故障处理 / inspection 巡检 / consult 咨询 / change 变更 / other 其他"
H_SV_SOURCE = "报修来源：phone 电话 / ticket 工单 / onsite 现场"
H_SV_REPORTER = "报修人"
H_SV_DEPT = "报修科室"
H_SV_AT = "时间，格式 YYYY-MM-DD HH:MM"
H_SV_STAFF = "服务人员工号，多个用逗号分隔"
H_SV_HEADCOUNT = "服务人数（默认为服务人员人数）"
H_SV_LOCATION = "服务地点"
H_SV_CONTENT = "服务内容（故障/需求描述）"
H_SV_HANDLING = "处理过程"
H_SV_RESULT = "处理结果：resolved 已解决 / pending 遗留（默认：填了解决时间即为已解决）"
H_SV_REASON = "遗留原因"
H_SV_PARTS = "更换部件"
H_SV_ID = "记录 id 或编号（如 YW-2026-11-001）"
H_SV_RESPONSE = "响应时限（分钟，合同为 30）"
H_SV_RESOLUTION = "解决时限（分钟，合同为 120）"
H_SV_ACCEPTANCE = "项目验收日期 YYYY-MM-DD（质保期三年自此起算）"
H_SV_MONTH = "月份，格式 YYYY-MM"
H_REPORT_TEXT = "汇报内容"
CLI_SV_ADDED = "已登记 {number}：{type}，报修 {reported}；响应 {response}；解决 {resolution}。"
CLI_SV_MONTH_HEAD = "{year}年{month}月：共 {total} 条；响应达标 {rmet}/{rdecided}（{rpercent}）；解决达标 {smet}/{sdecided}（{spercent}）；月末未解决 {open} 条。"
CLI_SV_MONTH_ROW = "{number}\t{type}\t{reported}\t响应 {response}\t解决 {resolution}\t{result}{carried}"
CLI_SV_SET = "已保存服务承诺：响应 {response} 分钟、解决 {resolution} 分钟（自 {date} 起）。"
CLI_SV_ACCEPTANCE = "已保存项目验收日期 {date}，质保期至 {end}。"
CLI_SV_NOTHING = "没有要保存的设置（可用 --response、--resolution、--acceptance）。"
CLI_REPORT_SAVED = "已保存 {name} {day} 的工作汇报。"
CLI_REPORT_MONTH = "{year}年{month}月：{people} 人，汇报 {n} 条。"
CLI_REPORT_ROW = "{day}\t{name}\t{text}"
CLI_SV_FILE_DONE = "已生成：{path}"
SV_REPORTS_MONTH_LABEL = "汇报月份"
SV_REPORTS_PERIOD_VALUE = "{year}年{month}月（工作日 {n} 天）"
SV_FORM_PARTS_NONE = "无"
# demo site: (month -1 previous / 0 current / None: working days before today, working day
# index (or "end": the last calendar day), time, type, source,
# reporter, dept, responded +min, arrived +min, resolved +min, staff, location, content,
# handling, parts, rating, pending reason)
SV_DEMO_RECORDS = (
    (-1, 0, "08:42", "fault", "phone", "刘医生", "内科门诊", 6, 12, 48, "HX1004", "门诊二楼内科3诊室", "HIS 工作站蓝屏，无法开具处方", "内存条松动导致蓝屏；重新插拔内存并清灰，内存检测通过，HIS 登录正常", "", "satisfied", ""),
    (-1, 1, "10:05", "fault", "phone", "王老师", "检验科", 5, 15, 25, "HX1002", "检验科报告发放窗口", "打印机卡纸，检验报告无法打印", "取出卡纸，清洁搓纸轮，打印测试页正常", "", "very_satisfied", ""),
    (-1, 2, "14:20", "consult", "phone", "赵医生", "心内科", 2, None, 15, "HX1004", "心内科医生办公室", "咨询电子病历模板如何导入科室模板库", "电话指导在模板管理中导入并设为科室共享", "", "satisfied", ""),
    (-1, 3, "09:10", "inspection", "onsite", "", "信息科", None, 0, 180, "HX1003,HX1007", "信息中心机房", "年度免费巡检：机房 UPS、精密空调、核心交换机、服务器及存储运行状态", "UPS 电池组电压正常；空调温度 22℃、湿度 45%；核心交换机 CPU 18%；服务器与存储无告警；巡检表已填写", "", "", ""),
    (-1, 4, "11:30", "fault", "phone", "张护士长", "住院部三病区", 3, 10, 95, "HX1003,HX1002", "住院部3楼护士站", "三病区网络中断，护士站电脑无法登录 HIS", "楼层接入交换机上联端口故障，改接备用端口并更换跳线，全病区恢复", "超五类跳线 2 根", "satisfied", ""),
    (-1, 6, "08:15", "fault", "ticket", "孙主任", "放射科", 25, 40, 110, "HX1003", "放射科阅片室", "PACS 影像调阅缓慢，单幅影像打开超过 20 秒", "存储链路端口协商为百兆，调整交换机端口为千兆全双工后恢复", "", "satisfied", ""),
    (-1, 7, "09:40", "fault", "phone", "周会计", "收费处", 4, 9, 150, "HX1005,HX1006", "门诊一楼收费处", "医保结算接口报错，收费窗口无法结算", "医保前置机证书过期；联系医保中心更新证书并重启前置服务，结算恢复", "", "fair", ""),
    (-1, 9, "15:05", "change", "ticket", "钱干事", "医务科", 20, None, 60, "HX1005", "医务科", "新入职医生 3 名开通 HIS、电子病历账号及处方权限", "按医务科审批单开通账号、分配角色并告知初始密码", "", "very_satisfied", ""),
    (-1, 10, "07:55", "fault", "phone", "吴护士", "门诊部", 35, 45, 70, "HX1002", "门诊大厅自助机区", "3 号自助挂号机卡纸、无法出票", "清理热敏打印机卡纸，更换纸卷并校准出纸传感器", "", "satisfied", ""),
    (-1, 12, "13:50", "fault", "phone", "陈护士", "住院部五病区", 8, 18, 90, "HX1007", "住院部5楼护士站", "护士站电脑无法开机", "电源适配器损坏，更换后开机正常，数据无损", "电源适配器 1 个", "satisfied", ""),
    (-1, 14, "10:20", "fault", "ticket", "黄主任", "门诊部", 10, 20, 55, "HX1007", "门诊二楼候诊区", "门诊叫号屏黑屏", "叫号屏 HDMI 线接触不良，更换线缆并重启叫号客户端", "HDMI 线 1 根", "satisfied", ""),
    (-1, 16, "16:10", "fault", "phone", "马医生", "手术麻醉科", 12, 20, 100, "HX1005,HX1006", "手术室麻醉工作站", "麻醉系统与 HIS 医嘱数据不同步", "接口服务消息队列积压，清理异常消息并重启接口服务，补传当日医嘱", "", "satisfied", ""),
    (-1, -1, "16:40", "fault", "phone", "郑技师", "心电图室", 10, 25, None, "HX1005", "门诊三楼心电图室", "心电图机检查结果无法回传 HIS", "确认为设备厂家接口版本不兼容，临时改为手工上传 PDF 报告", "", "", "等待设备厂家提供接口升级包"),
    (-1, "end", "23:40", "fault", "phone", "值班医生", "急诊科", 12, None, 50, "HX1002", "急诊科诊室", "夜间急诊 HIS 无法登录，提示数据库连接超时", "远程检查为应用服务器连接池耗尽，重启应用服务后恢复；次日排查原因并调整连接池参数", "", "satisfied", ""),
    (0, 0, "09:00", "fault", "phone", "林医生", "儿科门诊", 5, 14, 40, "HX1004", "儿科门诊2诊室", "门诊医生站卡顿，开医嘱时频繁无响应", "清理浏览器缓存及临时文件，关闭多余自启动程序，响应恢复正常", "", "satisfied", ""),
    (0, 1, "10:30", "fault", "phone", "何老师", "检验科", 30, 38, 121, "HX1002,HX1007", "检验科标本接收处", "条码打印机不出纸，标本无法贴码", "打印头老化，更换备用条码打印机并安装驱动，重新设置标签模板", "条码打印机 1 台（备机）", "fair", ""),
    (0, 2, "09:20", "inspection", "onsite", "", "信息科", None, 0, 150, "HX1003,HX1007", "信息中心机房", "月度巡检：机房环境、网络设备、服务器与数据备份检查", "机房温湿度正常；防火墙策略与日志检查无异常；数据库备份恢复校验通过", "", "", ""),
    (0, 3, "14:45", "consult", "phone", "冯主管", "药剂科", 3, None, 20, "HX1005", "药库", "药库管理系统月报导出为 Excel 失败", "指导更换导出模板并分批导出", "", "satisfied", ""),
    (0, 5, "08:35", "fault", "onsite", "韩护士", "住院部七病区", 0, 0, 35, "HX1004", "住院部7楼护士站", "腕带打印机打印内容偏移", "重新校准打印机纸张类型与偏移量", "", "very_satisfied", ""),
    (0, 7, "11:10", "change", "ticket", "钱文博", "信息科", 15, 30, 90, "HX1003", "行政楼四楼会议室", "新增会议室网络点位 4 个并接入办公网", "敷设网线、打模块并配置交换机 VLAN，测试连通", "网络模块 4 个", "satisfied", ""),
    (0, 10, "16:20", "other", "ticket", "杨主任", "病案室", 20, 35, None, "HX1006", "病案室", "病案扫描仪扫描时频繁卡纸", "已清洁进纸辊，问题仍偶发，已报厂家维保", "", "", "等待厂家更换进纸组件"),
    (0, 12, "09:05", "fault", "phone", "刘医生", "内科门诊", 7, 15, 45, "HX1004", "门诊二楼内科3诊室", "读卡器无法读取医保电子凭证", "更新读卡器驱动并重新绑定串口，读卡正常", "", "satisfied", ""),
    (None, 1, "10:15", "fault", "phone", "宋医生", "眼科", 9, 16, 52, "HX1007,HX1004", "眼科门诊", "眼科 OCT 设备工作站无法连接 PACS", "工作站 IP 地址冲突，重新分配地址并登记台账，图像上传正常", "", "satisfied", ""),
)
SV_DEMO_REPORT_TEXTS = (
    "巡查门诊各科室终端运行情况，处理零星报修",
    "整理本周运维记录，更新资产台账",
    "配合厂家完成服务器系统补丁更新",
    "检查数据库备份任务，抽查一份备份做恢复验证",
    "核对核心及楼层交换机配置备份",
    "协助护理部培训新版电子病历护理文书操作",
    "排查住院部无线 AP 信号覆盖情况，记录弱覆盖点位",
    "跟进心电图机接口升级进度，与厂家沟通测试计划",
)
SV_DEMO_PM_REPORTS = ("汇总本周运维情况，与信息科沟通下周工作安排", "检查运维记录单签字情况，督促遗留问题处理进度", "组织班组例会，安排月度巡检与备件采购", "与设备厂家沟通心电图机接口升级方案")
SV_DEMO_SERVED = "处理{location}：{content}"
SV_DEMO_PM_ROLE = "项目经理"
SV_GROUP_CALL = "报修、时间与人员"
SV_GROUP_WORK = "服务内容与结果"
