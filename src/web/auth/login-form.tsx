import { Alert, Button, Form, Input } from "antd";
import { useState, type KeyboardEvent } from "react";
import { useTranslation } from "react-i18next";
import type { Me, SecondFactorChallenge } from "../../contract/api";
import { api, setCsrfToken } from "../api/client";
import { registerMessages } from "../i18n/i18n";
import { describeLoginError, type LoginProblem } from "./login-error";
import { loginMessages } from "./login-messages";

registerMessages("login", loginMessages);

interface PasswordStep {
  username: string;
  password: string;
}

/**
 * Username and password, then the second factor when the server asks for it (202 with
 * a challenge). Calls onSignedIn with the account once a session exists. Used by the
 * login page and by the "session expired" dialog, which keeps the page underneath.
 * Every field has a visible label, the first one takes the focus and Enter submits.
 */
export function LoginForm({
  onSignedIn,
  fixedUsername,
}: {
  onSignedIn: (me: Me) => void;
  fixedUsername?: string;
}) {
  const { t } = useTranslation("login");
  const [problem, setProblem] = useState<LoginProblem | null>(null);
  const [busy, setBusy] = useState(false);
  const [challenge, setChallenge] = useState<{ username: string; ask: SecondFactorChallenge }>();
  const [capsLock, setCapsLock] = useState(false);

  const signedIn = (me: Me) => {
    setCsrfToken(me.csrfToken);
    onSignedIn(me);
  };

  const submitPassword = async (values: PasswordStep) => {
    setBusy(true);
    setProblem(null);
    try {
      const answer = await api.post<Me | SecondFactorChallenge>("/api/auth/login", values, {
        authCall: true,
      });
      if ("secondFactorRequired" in answer)
        setChallenge({ username: values.username, ask: answer });
      else signedIn(answer);
    } catch (caught) {
      setProblem(describeLoginError(caught, "password", t));
    } finally {
      setBusy(false);
    }
  };

  const backToPassword = (why?: string) => {
    setChallenge(undefined);
    setProblem(why ? { title: why, lines: [] } : null);
  };

  const submitCode = async (values: { code: string }) => {
    if (!challenge) return;
    if (Date.parse(challenge.ask.expiresAt) < Date.now()) {
      backToPassword(t("challengeExpired"));
      return;
    }
    setBusy(true);
    setProblem(null);
    try {
      signedIn(
        await api.post<Me>(
          "/api/auth/2fa/verify",
          { challenge: challenge.ask.challenge, code: values.code.replace(/\s+/g, "") },
          { authCall: true },
        ),
      );
    } catch (caught) {
      setProblem(describeLoginError(caught, "code", t));
    } finally {
      setBusy(false);
    }
  };

  const watchCapsLock = (event: KeyboardEvent<HTMLInputElement>) =>
    setCapsLock(event.getModifierState?.("CapsLock") ?? false);

  const problemBox = problem && (
    <Alert
      type="error"
      showIcon
      role="alert"
      data-testid="login-error"
      title={problem.title}
      description={
        problem.lines.length > 0 ? (
          <ul style={{ margin: "4px 0 0", paddingLeft: 18 }}>
            {problem.lines.map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ul>
        ) : undefined
      }
      style={{ marginBottom: 16 }}
    />
  );

  if (challenge) {
    return (
      <Form layout="vertical" onFinish={submitCode} requiredMark={false} data-testid="code-form">
        {problemBox}
        <p>{t("codePrompt", { username: challenge.username })}</p>
        <Form.Item
          label={t("code")}
          name="code"
          rules={[{ required: true, whitespace: true, message: t("codeRequired") }]}
        >
          <Input autoFocus autoComplete="one-time-code" maxLength={64} spellCheck={false} />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={busy} block size="large">
          {t("verify")}
        </Button>
        <Button
          color="primary"
          variant="link"
          block
          onClick={() => backToPassword()}
          style={{ marginTop: 8 }}
        >
          {t("backToPassword")}
        </Button>
      </Form>
    );
  }

  return (
    <Form<PasswordStep>
      layout="vertical"
      onFinish={submitPassword}
      requiredMark={false}
      initialValues={{ username: fixedUsername ?? "" }}
      data-testid="login-form"
    >
      {problemBox}
      {fixedUsername ? (
        // Signing in again as the same account: the name is shown, the password is asked.
        <p data-testid="fixed-username">{t("signingInAs", { username: fixedUsername })}</p>
      ) : null}
      <Form.Item
        label={t("username")}
        name="username"
        hidden={!!fixedUsername}
        rules={[{ required: true, whitespace: true, message: t("usernameRequired") }]}
      >
        <Input
          autoFocus={!fixedUsername}
          autoComplete="username"
          spellCheck={false}
          autoCapitalize="none"
          size="large"
        />
      </Form.Item>
      <Form.Item
        label={t("password")}
        name="password"
        rules={[{ required: true, message: t("passwordRequired") }]}
        extra={
          capsLock ? (
            <span role="status" style={{ color: "#873800" }}>
              {t("capsLock")}
            </span>
          ) : undefined
        }
      >
        <Input.Password
          autoFocus={!!fixedUsername}
          autoComplete="current-password"
          onKeyDown={watchCapsLock}
          onKeyUp={watchCapsLock}
          size="large"
        />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={busy} block size="large">
        {t("signIn")}
      </Button>
    </Form>
  );
}
