"""Accounts in the window (issue 18): first run, sign-in, recovery code, user management,
idle lock. AUI_ prefix (the service's own messages are ACC_, in accounts.py)."""

AUI_MENU = "账号(&A)"
AUI_ACT_SET_UP = "设置账号…"
AUI_ACT_MANAGE = "账号管理…"
AUI_ACT_CHANGE_OWN = "修改我的密码…"
AUI_ACT_LOCK = "锁定屏幕"
AUI_ACT_SWITCH = "注销/切换用户…"
AUI_NO_ACCOUNTS_BANNER = "未设置账号：任何人都可以修改数据。请在“账号 > 设置账号…”中创建管理员。"
AUI_STATUS_USER = "当前用户：{display}（{role}）"
AUI_ROLE_SHORT = {"admin": "管理员", "viewer": "只读"}
AUI_VIEWER_REASON = "只读账号：可以查看、打印、导出，不能修改"
AUI_ADMIN_ONLY = "只有管理员可以使用此功能"

# first run
AUI_FIRST_TITLE = "创建管理员账号"
AUI_FIRST_INTRO = (
    "此数据库还没有账号。请创建第一个管理员：以后每次启动都要登录，"
    "身份证号和手机号将加密保存（包括现有备份）。\n"
    "管理员可以再添加其他管理员或只读账号。")
AUI_FIRST_LATER_NOTE = "选择“以后再说”，程序照常使用，但任何人都可以修改数据。"
AUI_LOGIN_NAME = "用户名："
AUI_LOGIN_NAME_HINT = "英文字母开头，可用字母、数字、. _ -，如 zhangsan"
AUI_DISPLAY = "姓名："
AUI_DISPLAY_HINT = "打印在表单的制表人、记录人处"
AUI_PASSWORD = "密码："
AUI_PASSWORD_AGAIN = "再输入一次："
AUI_NEW_PASSWORD = "新密码："
AUI_OLD_PASSWORD = "原密码："
AUI_PASSWORD_HINT = "至少 8 个字符"
AUI_MISMATCH = "两次输入的密码不一致。"
AUI_STRENGTH = {0: "强度：太短", 1: "强度：弱", 2: "强度：中", 3: "强度：强"}
AUI_CREATE = "创建管理员"
AUI_LATER = "以后再说"
AUI_CREATING = "正在创建管理员并加密现有的身份证号、手机号（数据库和备份），请稍候…"
AUI_ENCRYPT_DONE_TITLE = "账号已创建"

# recovery code
AUI_CODE_TITLE = "恢复码（只显示这一次）"
AUI_CODE_INTRO = (
    "这是管理员的恢复码。忘记管理员密码时，只能用它重设密码（数据无法用别的办法解密）。\n"
    "它只显示这一次：请立即打印或保存，并与密码分开保管（如锁在文件柜里）。")
AUI_CODE_PRINT = "打印…"
AUI_CODE_SAVE = "保存为文本文件…"
AUI_CODE_SAVED_TICK = "我已妥善保存恢复码"
AUI_CODE_CLOSE = "关闭"
AUI_CODE_MUST_TICK = "请先打印或抄写恢复码，并勾选“我已妥善保存恢复码”。"
AUI_CODE_FILE_NAME = "驻场管家恢复码.txt"
AUI_CODE_FILE_FILTER = "文本文件 (*.txt)"
AUI_CODE_FILE_TEXT = (
    "驻场管家 管理员恢复码\n"
    "数据库：{db}\n"
    "生成时间：{at}\n\n"
    "    {code}\n\n"
    "忘记管理员密码时，在登录窗口点“忘记密码…”，输入此恢复码重设密码。\n"
    "请与密码分开保管；用过一次后会生成新的恢复码，此码随即作废。\n")
AUI_CODE_SAVED = "恢复码已保存到：{path}\n请把文件移到安全的地方（如 U 盘锁进文件柜），不要留在这台电脑上。"
AUI_CODE_SAVE_FAILED = "无法保存恢复码：{err}"
AUI_CODE_PRINT_TITLE = "驻场管家 管理员恢复码"

# login
AUI_LOGIN_TITLE = "登录驻场管家"
AUI_LOGIN_INTRO = "此数据库已启用账号，请登录。"
AUI_LOGIN = "登录"
AUI_QUIT = "退出程序"
AUI_FORGOT = "忘记密码…"
AUI_SIGNING_IN = "正在验证…"
AUI_NEED_NAME = "请输入用户名。"
AUI_NEED_PASSWORD = "请输入密码。"

# recovery
AUI_RECOVER_TITLE = "用恢复码重设管理员密码"
AUI_RECOVER_INTRO = "输入恢复码和要重设密码的管理员用户名。重设后会生成新的恢复码，旧码作废。"
AUI_RECOVER_CODE = "恢复码："
AUI_RECOVER_OK = "重设密码"
AUI_RECOVER_DONE = "管理员「{login}」的密码已重设，请用新密码登录。"
AUI_WORKING = "请稍候…"

# user management
AUI_USERS_TITLE = "账号管理"
AUI_USERS_HEADERS = ("用户名", "姓名", "角色", "状态", "最近登录", "本机凭据")
AUI_STATE_ACTIVE = "正常"
AUI_STATE_DISABLED = "已停用"
AUI_STATE_LOCKED = "锁定至 {until}"
AUI_NEVER = "从未登录"
AUI_YES = "有"
AUI_NO = "—"
AUI_ADD = "添加账号…"
AUI_DISABLE = "停用"
AUI_RESET = "重设密码…"
AUI_CHANGE_OWN = "修改我的密码…"
AUI_CLOSE = "关闭"
AUI_ROLE = "角色："
AUI_ADD_TITLE = "添加账号"
AUI_ADD_OK = "添加"
AUI_ADDED = "已添加账号「{login}」（{display}，{role}）。"
AUI_CONFIRM_DISABLE = "停用账号「{login}」（{display}）？\n停用后此人不能再登录；此操作会记入审计记录。"
AUI_DISABLED_DONE = "已停用账号「{login}」。"
AUI_RESET_TITLE = "重设「{login}」的密码"
AUI_RESET_DONE = "已重设账号「{login}」的密码，请把新密码当面告诉本人，并请其登录后修改。"
AUI_CHANGE_TITLE = "修改我的密码"
AUI_CHANGE_DONE = "密码已修改。"
AUI_SELECT_USER = "请先在列表中选择一个账号。"
AUI_IDLE_LABEL = "无操作自动锁定："
AUI_IDLE_SUFFIX = " 分钟"
AUI_IDLE_HINT = "本机设置：超过这段时间没有键盘或鼠标操作，窗口会遮住内容，需要输入密码才能继续。"

# idle lock
AUI_LOCK_TITLE = "已锁定"
AUI_LOCKED_TEXT = "驻场管家已锁定"
AUI_LOCKED_BY = "{display}（{login}）已离开超过 {minutes} 分钟，屏幕已锁定。请输入密码继续。"
AUI_LOCKED_MANUAL = "{display}（{login}）锁定了屏幕。请输入密码继续。"
AUI_UNLOCK = "解锁"
AUI_SWITCH_USER = "切换用户"
AUI_COVER_TEXT = "已锁定"
