import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import type { CitizenTokenPayload } from '../auth/principal';
import { PiiService } from '../common/pii.service';
import { Citizen } from './entities/citizen.entity';
import { WechatClient } from './wechat.client';
import { isUniqueViolation } from '../database/errors';
import { Clock } from '../common/clock';

const CITIZEN_TOKEN_TTL_SECONDS = 30 * 86_400;

@Injectable()
export class CitizensService {
  constructor(
    private readonly clock: Clock,
    @InjectRepository(Citizen) private readonly citizens: Repository<Citizen>,
    private readonly wechat: WechatClient,
    private readonly pii: PiiService,
    private readonly jwt: JwtService,
  ) {}

  /**
   * WeChat login: the citizen is found by the keyed hash of the openid; the openid itself is
   * kept only encrypted, to address the subscribe messages they ask for.
   */
  async loginWithWechat(code: string): Promise<{ accessToken: string; citizen: { id: number } }> {
    const { openid } = await this.wechat.code2Session(code);
    const openidHash = this.pii.hash(`wechat:${openid}`);
    const now = this.clock.now();
    let citizen = await this.citizens.findOneBy({ openidHash });
    if (!citizen) {
      try {
        citizen = await this.citizens.save(
          this.citizens.create({
            openidHash,
            openidEnc: this.pii.encrypt(openid),
            createdAt: now,
            lastLoginAt: now,
          }),
        );
      } catch (error) {
        if (!isUniqueViolation(error)) throw error;
        citizen = await this.citizens.findOneByOrFail({ openidHash });
      }
    } else {
      await this.citizens.update(citizen.id, {
        lastLoginAt: now,
        // Citizens who signed in before openids were kept get theirs now.
        ...(citizen.openidEnc ? {} : { openidEnc: this.pii.encrypt(openid) }),
      });
    }
    const payload: CitizenTokenPayload = { sub: citizen.id, typ: 'citizen' };
    const accessToken = await this.jwt.signAsync(payload, { expiresIn: CITIZEN_TOKEN_TTL_SECONDS });
    return { accessToken, citizen: { id: citizen.id } };
  }
}
